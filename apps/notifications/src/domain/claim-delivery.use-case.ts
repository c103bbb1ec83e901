import type { EventOf } from '@laoke/contracts';
import { PermanentEventError, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { contactsRepository as contacts } from '../data/contacts.repository';
import { deliveriesRepository as deliveries } from '../data/deliveries.repository';
import { templatesRepository as templates } from '../data/templates.repository';
import type { DeliveryDeps } from './delivery-deps';
import { composeSms, renderTemplate } from './message-composition';

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

/**
 * Records, in the consumer's transaction, that this request is to be sent: the rendered,
 * signed text (never the mobile in clear) in a delivery row unique per request. Returns the
 * delivery to send once the transaction has committed, or nothing when there is none (already
 * claimed, or suppressed).
 */
export async function claimDelivery(
  deps: DeliveryDeps,
  request: Request,
  trx: Transaction,
): Promise<string | undefined> {
  const { data } = request;
  const contact = await contacts.find(trx, data.memberId);
  if (!contact) throw unknownMember(deps, request);
  const body = await templates.findBody(trx, request.brandId, data.template, data.channel);
  if (!body)
    throw new PermanentEventError(
      `no ${data.channel} template "${data.template}" for brand ${request.brandId}`,
    );

  const text = composeSms(
    renderTemplate(body, { ...data.variables, memberName: contact.name }),
    data.category,
    deps.signature,
  );
  const id = uuidv7();
  const claimed = await deliveries.claim(trx, {
    id,
    brandId: request.brandId,
    storeId: request.storeId ?? null,
    requestId: data.requestId,
    requestEventId: request.id,
    correlationId: request.correlationId ?? null,
    memberId: data.memberId,
    channel: data.channel,
    template: data.template,
    category: data.category,
    status: contact.smsAllowed ? 'claimed' : 'suppressed',
    text,
    createdAt: deps.clock.nowFor(request.brandId),
  });
  return claimed && contact.smsAllowed ? id : undefined;
}
