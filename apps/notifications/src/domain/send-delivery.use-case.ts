import { createEvent, type NotificationChannel } from '@laoke/contracts';
import { appendToOutbox } from '@laoke/platform';
import { contactsRepository as contacts } from '../data/contacts.repository';
import { deliveryAttemptsRepository as attempts } from '../data/delivery-attempts.repository';
import {
  deliveriesRepository as deliveries,
  toDelivery,
  type Delivery,
} from '../data/deliveries.repository';
import { optOutsRepository as optOuts, smsRecipientsRepository } from '../data/opt-outs.repository';
import { ProviderError, type AttemptRecord } from '../providers/provider-call';
import type { DeliveryDeps } from './delivery-deps';
import { ProviderBusy, takeProviderSlot, waitForProviderWindow } from './provider-rate-limit';
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
      channel: 'sms' as const,
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

/** Settles `failed` and says so on notifications.events, in one transaction. */
const fail = (deps: DeliveryDeps, delivery: Delivery, reason: string, provider?: string) =>
  deps.db.transaction(async (trx) => {
    const settled = await deliveries.settle(trx, delivery.id, { status: 'failed', reason });
    if (settled)
      await appendToOutbox(trx, [
        failedEvent(delivery, reason, deps.clock.nowFor(delivery.brandId), provider),
      ]);
  });

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
      `no answer from the SMS providers after ${deps.maxAttempts} attempts`,
    );
    return;
  }
  // WeChat, e-mail and staff tasks have no provider yet: refused openly, never sent as SMS.
  if (delivery.channel !== 'sms') {
    await fail(deps, delivery, `no provider for the ${delivery.channel} channel yet`);
    return;
  }
  const contact = await contacts.find(deps.db, delivery.memberId);
  if (!contact?.mobileEncrypted) {
    await fail(deps, delivery, 'the member has no contact any more');
    return;
  }
  // An "R" reply heard since the request was decided stops it here, before any provider call.
  if (await optOuts.isOptedOut(deps.db, delivery.memberId, delivery.channel, delivery.category)) {
    await attempts.suppress(
      deps.db,
      delivery.id,
      `opted out of ${delivery.category} ${delivery.channel}`,
    );
    return;
  }

  const mobile = deps.pii.decrypt(contact.mobileEncrypted);
  const calls: AttemptRecord[] = [];
  const attemptedAt = deps.clock.now();
  let sent: { providerMessageId: string; provider: string };
  try {
    sent = await deps.sms.send(
      { to: mobile, text: delivery.text, reference: delivery.requestId },
      (call) => calls.push(call),
      (provider) => takeProviderSlot(deps, provider),
    );
  } catch (error) {
    await attempts.record(deps.db, delivery.id, delivery.attempts, calls, attemptedAt);
    if (error instanceof ProviderBusy)
      return waitForProviderWindow(deps, delivery.id, error, calls.length > 0);
    if (!(error instanceof ProviderError)) throw error;
    if (!error.retryable) return fail(deps, delivery, error.message, error.provider);
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
    await smsRecipientsRepository.remember(
      trx,
      delivery.brandId,
      deps.pii.fingerprint(mobile),
      delivery.memberId,
      sentAt,
    );
    await appendToOutbox(trx, [sentEvent(delivery, sent.providerMessageId, sentAt)]);
  });
}
