import { createEvent, type EventOf, type NotificationChannel } from '@laoke/contracts';
import { PermanentEventError, appendToOutbox, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { brandPoliciesRepository as brandPolicies } from '../data/brand-policies.repository';
import { contactsRepository as contacts, type Contact } from '../data/contacts.repository';
import { deliveriesRepository as deliveries } from '../data/deliveries.repository';
import { deliveryScheduleRepository as schedule } from '../data/delivery-schedule.repository';
import { templatesRepository as templates } from '../data/templates.repository';
import { routeDelivery } from './channel-routing';
import type { DeliveryDeps } from './delivery-deps';
import { paceDelivery, type Pacing } from './delivery-pacing';
import { composeSms, renderTemplate, type ComposedSms } from './message-composition';
import { effectivePolicy, priorityOf, routeFor, type BrandPolicy } from './notification-policy';
import { displaceDelivery } from './displace-delivery';
import { channelsWithoutQuota, takeQuota } from './wechat-quota';

type Request = EventOf<'notification.requested'>;

/**
 * The member's registration may still be on its way to the contact projection: retry until the
 * grace since the request has passed, then give up for good.
 */
function unknownMember(deps: DeliveryDeps, request: Request): Error {
  const waitedMs = deps.clock.now().getTime() - Date.parse(request.occurredAt);
  const member = request.data.memberId;
  return waitedMs >= deps.unknownMemberGraceMs
    ? new PermanentEventError(`member ${member} still unknown ${waitedMs} ms after the request`)
    : new Error(`no contact known yet for member ${member}`);
}

async function render(
  trx: Transaction,
  request: Request,
  contact: Contact,
  channel: NotificationChannel,
  policy: BrandPolicy,
): Promise<{ text: string; sms?: ComposedSms }> {
  const { data } = request;
  const template = await templates.findForSending(
    trx,
    request.brandId,
    data.template,
    channel,
    contact.locale ?? undefined,
  );
  if (!template)
    throw new PermanentEventError(
      `no ${channel} template "${data.template}" for brand ${request.brandId}`,
    );
  const text = renderTemplate(template.body, {
    ...data.variables,
    ...(contact.name && { memberName: contact.name }),
  });
  if (channel !== 'sms') return { text };
  const sms = composeSms(text, data.category, policy.sms);
  return { text: sms.text, sms };
}

const suppressedEvent = (
  request: Request,
  deliveryId: string,
  channel: NotificationChannel | undefined,
  reason: string,
  at: Date,
) =>
  createEvent({
    type: 'notification.suppressed',
    brandId: request.brandId,
    ...(request.storeId && { storeId: request.storeId }),
    memberId: request.data.memberId,
    causationId: request.id,
    ...(request.correlationId && { correlationId: request.correlationId }),
    data: {
      requestId: request.data.requestId,
      deliveryId,
      memberId: request.data.memberId,
      purpose: request.data.purpose,
      ...(channel && { channel }),
      reason,
      suppressedAt: at.toISOString(),
    },
  });

const expiredBy = (request: Request, pacing: Pacing) =>
  request.data.expiresAt !== undefined &&
  pacing.notBefore.getTime() > Date.parse(request.data.expiresAt);

/**
 * Decides, in the consumer's transaction, what becomes of a request: exactly one delivery row
 * per dedupe key (R5 "never too often"; a redelivered request finds its row and does nothing),
 * on the channel the brand's policy and the member's consent allow, rendered and signed, due at
 * the first time quiet hours, the SMS daily limit and the frequency cap allow — or suppressed
 * with the reason and a notification.suppressed event. Returns the delivery to send once the
 * transaction has committed when it is due now; a later one is sent when due.
 */
export async function claimDelivery(
  deps: DeliveryDeps,
  request: Request,
  trx: Transaction,
): Promise<string | undefined> {
  const { data } = request;
  const contact = await contacts.findForUpdate(trx, data.memberId);
  if (!contact) throw unknownMember(deps, request);
  const dedupeKey = data.dedupeKey ?? data.requestId;
  if (await schedule.isDecided(trx, data.memberId, dedupeKey, data.requestId)) return undefined;

  const policy = effectivePolicy(
    deps.policyDefaults,
    await brandPolicies.find(trx, request.brandId),
  );
  const now = deps.clock.nowFor(request.brandId);
  const priority = priorityOf(policy, data.purpose, data.priority);
  const allowed = routeFor(policy, data.purpose);
  const route = routeDelivery(
    allowed,
    data.channel,
    contact,
    data.category,
    await channelsWithoutQuota(trx, allowed, data.memberId, data.template),
  );
  const channel = 'channel' in route ? route.channel : undefined;
  const passedOver = 'passedOver' in route ? route.passedOver : [];
  const content = channel ? await render(trx, request, contact, channel, policy) : { text: '' };
  const pacing: Pacing = channel
    ? await paceDelivery(
        trx,
        policy,
        {
          memberId: data.memberId,
          channel,
          category: data.category,
          priority,
          timeZone: contact.timeZone ?? policy.timeZone,
        },
        now,
        now,
      )
    : { notBefore: now, reasons: [] };
  const suppressedFor =
    'suppressed' in route
      ? route.suppressed
      : expiredBy(request, pacing)
        ? `expired-before-allowed-time (${pacing.reasons.join(', ')})`
        : undefined;

  const id = uuidv7();
  const claimed = await deliveries.claim(trx, {
    id,
    brandId: request.brandId,
    storeId: request.storeId ?? null,
    requestId: data.requestId,
    requestEventId: request.id,
    correlationId: request.correlationId ?? null,
    memberId: data.memberId,
    channel: channel ?? data.channel ?? null,
    purpose: data.purpose,
    dedupeKey,
    template: data.template,
    category: data.category,
    status: suppressedFor ? 'suppressed' : 'claimed',
    decisionReason: suppressedFor ?? ([...passedOver, ...pacing.reasons].join(', ') || null),
    text: content.text,
    createdAt: now,
    notBefore: pacing.notBefore,
    priority,
    expiresAt: data.expiresAt ? new Date(data.expiresAt) : null,
    smsLength: content.sms?.length ?? null,
    smsSegments: content.sms?.segments ?? null,
  });
  if (!claimed) return undefined;

  await schedule.recordDecision(trx, {
    deliveryId: id,
    decision: suppressedFor ? 'suppressed' : pacing.reasons.length ? 'deferred' : 'scheduled',
    reason: suppressedFor ?? (pacing.reasons.join(', ') || null),
    notBefore: suppressedFor ? null : pacing.notBefore,
    at: now,
  });
  if (suppressedFor) {
    await appendToOutbox(trx, [suppressedEvent(request, id, channel, suppressedFor, now)]);
    return undefined;
  }
  if (channel) await takeQuota(trx, channel, data.memberId, data.template);
  if (pacing.displaces)
    await displaceDelivery(trx, policy, pacing.displaces, { by: id, contact, now });
  // Sent as soon as it is due; a channel without a configured provider is failed openly then.
  return pacing.notBefore <= now ? id : undefined;
}
