import { createEvent, type NotificationChannel } from '@laoke/contracts';
import { appendToOutbox } from '@laoke/platform';
import { contactsRepository as contacts, type Contact } from '../data/contacts.repository';
import { deliveryAttemptsRepository as attempts } from '../data/delivery-attempts.repository';
import {
  deliveriesRepository as deliveries,
  toDelivery,
  type Delivery,
} from '../data/deliveries.repository';
import { optOutsRepository as optOuts, smsRecipientsRepository } from '../data/opt-outs.repository';
import { wechatSubscriptionsRepository as wechatQuota } from '../data/wechat-subscriptions.repository';
import type { ChannelSender } from '../providers/channel-sender';
import { ProviderError, type AttemptRecord } from '../providers/provider-call';
import type { DeliveryDeps } from './delivery-deps';
import { ProviderBusy, takeProviderSlot, waitForProviderWindow } from './provider-rate-limit';
import { handOverStaffTask } from './hand-over-staff-task';
import { nextAttemptDelayMs } from './retry-backoff';

const cause = (delivery: Delivery) => ({
  brandId: delivery.brandId,
  ...(delivery.storeId && { storeId: delivery.storeId }),
  memberId: delivery.memberId,
  ...(delivery.requestEventId && { causationId: delivery.requestEventId }),
  ...(delivery.correlationId && { correlationId: delivery.correlationId }),
});

const sentEvent = (delivery: Delivery, providerMessageId: string, sentAt: Date) =>
  createEvent({
    type: 'notification.sent',
    ...cause(delivery),
    data: {
      requestId: delivery.requestId,
      deliveryId: delivery.id,
      memberId: delivery.memberId,
      channel: delivery.channel as NotificationChannel,
      template: delivery.template,
      providerMessageId,
      sentAt: sentAt.toISOString(),
    },
  });

const failedEvent = (delivery: Delivery, reason: string, at: Date, provider?: string) =>
  createEvent({
    type: 'notification.failed',
    ...cause(delivery),
    data: {
      requestId: delivery.requestId,
      deliveryId: delivery.id,
      memberId: delivery.memberId,
      channel: delivery.channel as NotificationChannel,
      template: delivery.template,
      ...(provider && { provider }),
      stage: 'send' as const,
      reason: reason.slice(0, 500),
      failedAt: at.toISOString(),
    },
  });

/**
 * Settles `failed` and says so on notifications.events, in one transaction. A WeChat message the
 * provider refused for good (`refused`) was not shown: its subscription is given back.
 */
const fail = (
  deps: DeliveryDeps,
  delivery: Delivery,
  reason: string,
  provider?: string,
  refused = false,
) =>
  deps.db.transaction(async (trx) => {
    const settled = await deliveries.settle(trx, delivery.id, { status: 'failed', reason });
    if (!settled) return;
    if (refused && delivery.channel === 'wechat')
      await wechatQuota.giveBack(trx, delivery.memberId, delivery.template);
    await appendToOutbox(trx, [
      failedEvent(delivery, reason, deps.clock.nowFor(delivery.brandId), provider),
    ]);
  });

/** The member's address on the delivery's channel, in clear for the provider only. */
function addressOf(deps: DeliveryDeps, contact: Contact | undefined, channel: string) {
  if (!contact || contact.erasedAt) return undefined;
  if (channel === 'sms' && contact.mobileEncrypted)
    return deps.pii.decrypt(contact.mobileEncrypted);
  if (channel === 'email' && contact.emailEncrypted)
    return deps.pii.decrypt(contact.emailEncrypted);
  if (channel === 'wechat') return contact.wechatOpenId ?? undefined;
  if (channel === 'staff-task') return contact.memberId;
  return undefined;
}

const senderFor = (deps: DeliveryDeps, channel: string): ChannelSender | undefined =>
  channel === 'sms'
    ? deps.sms
    : channel === 'wechat' || channel === 'email'
      ? deps.channels[channel]
      : undefined;

/**
 * Sends a claimed delivery, outside any transaction: it is committed as `sending` before the
 * provider call and settled after it — `sent` with its notification.sent event; `failed` with
 * notification.failed when the provider refuses it for good or the attempts run out; back to
 * `claimed` with a next attempt time (exponential backoff with jitter) when the failure may
 * pass. Every attempt carries the same provider reference (the request id), so however often it
 * is tried the member gets one message. Never throws for a provider's answer, so a consumer or
 * job calling it never stalls on one delivery.
 *
 * With `staleBefore`, it is sent only if nobody has touched it since (recovery).
 */
export async function sendDelivery(
  deps: DeliveryDeps,
  deliveryId: string,
  staleBefore?: Date,
): Promise<void> {
  const delivery = await deliveries.beginAttempt(
    deps.db,
    deliveryId,
    deps.clock.now(),
    staleBefore,
  );
  if (delivery) await attemptDelivery(deps, delivery);
}

/** Sends a delivery whose retry is due, unless another replica took it first. */
export async function sendDueRetry(deps: DeliveryDeps, deliveryId: string): Promise<void> {
  const row = await attempts.beginDueAttempt(deps.db, deliveryId, deps.clock.now());
  if (row) await attemptDelivery(deps, toDelivery(row));
}

async function attemptDelivery(deps: DeliveryDeps, delivery: Delivery): Promise<void> {
  if (delivery.attempts > deps.maxAttempts) {
    await fail(
      deps,
      delivery,
      `no answer from the ${delivery.channel} providers after ${deps.maxAttempts} attempts`,
    );
    return;
  }
  const contact = await contacts.find(deps.db, delivery.memberId);
  const { channel } = delivery;
  const address = channel ? addressOf(deps, contact, channel) : undefined;
  if (!channel || !address) {
    await fail(deps, delivery, 'the member has no contact any more');
    return;
  }
  // An "R" reply heard since the request was decided stops it here, before any provider call.
  if (await optOuts.isOptedOut(deps.db, delivery.memberId, channel, delivery.category)) {
    await attempts.suppress(
      deps.db,
      delivery.id,
      `opted out of ${delivery.category} ${delivery.channel}`,
    );
    return;
  }
  if (channel === 'staff-task') return handOverStaffTask(deps, delivery);
  // Never sent on another channel than the one decided: without its provider, it fails openly.
  const sender = senderFor(deps, channel);
  if (!sender) {
    await fail(deps, delivery, `no provider configured for the ${delivery.channel} channel`);
    return;
  }

  const calls: AttemptRecord[] = [];
  const attemptedAt = deps.clock.now();
  let sent: { providerMessageId: string; provider: string };
  try {
    sent = await sender.send(
      {
        to: address,
        text: delivery.text,
        reference: delivery.requestId,
        template: delivery.template,
      },
      (call) => calls.push(call),
      (provider) => takeProviderSlot(deps, provider),
    );
  } catch (error) {
    await attempts.record(deps.db, delivery.id, delivery.attempts, calls, attemptedAt);
    if (error instanceof ProviderBusy)
      return waitForProviderWindow(deps, delivery.id, error, calls.length > 0);
    if (!(error instanceof ProviderError)) throw error;
    if (!error.retryable) return fail(deps, delivery, error.message, error.provider, true);
    if (delivery.attempts >= deps.maxAttempts)
      return fail(
        deps,
        delivery,
        `gave up after ${delivery.attempts} attempts: ${error.message}`,
        error.provider,
      );
    const delayMs = nextAttemptDelayMs(delivery.attempts, deps.retry);
    await attempts.reschedule(deps.db, delivery.id, new Date(deps.clock.now().getTime() + delayMs));
    deps.logger.warn(
      { deliveryId: delivery.id, attempt: delivery.attempts, delayMs, reason: error.message },
      'delivery failed retryably; tried again later',
    );
    return;
  }

  const sentAt = deps.clock.nowFor(delivery.brandId);
  await deps.db.transaction(async (trx) => {
    await attempts.record(trx, delivery.id, delivery.attempts, calls, attemptedAt);
    const settled = await deliveries.settle(trx, delivery.id, {
      status: 'sent',
      providerMessageId: sent.providerMessageId,
      at: sentAt,
    });
    if (!settled) return;
    await attempts.markSentBy(trx, delivery.id, sent.provider);
    if (delivery.channel === 'sms')
      await smsRecipientsRepository.remember(
        trx,
        delivery.brandId,
        deps.pii.fingerprint(address),
        delivery.memberId,
        sentAt,
      );
    await appendToOutbox(trx, [sentEvent(delivery, sent.providerMessageId, sentAt)]);
  });
}
