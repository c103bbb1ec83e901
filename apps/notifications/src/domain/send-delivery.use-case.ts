import { createEvent } from '@laoke/contracts';
import { appendToOutbox } from '@laoke/platform';
import { contactsRepository as contacts } from '../data/contacts.repository';
import { deliveriesRepository as deliveries, type Delivery } from '../data/deliveries.repository';
import { SmsRejectedError } from '../providers/sms-provider';
import type { DeliveryDeps } from './delivery-deps';

const sentEvent = (delivery: Delivery, providerMessageId: string, sentAt: Date) =>
  createEvent({
    type: 'notification.sent',
    brandId: delivery.brandId,
    ...(delivery.storeId && { storeId: delivery.storeId }),
    memberId: delivery.memberId,
    ...(delivery.requestEventId && { causationId: delivery.requestEventId }),
    ...(delivery.correlationId && { correlationId: delivery.correlationId }),
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

const fail = (deps: DeliveryDeps, delivery: Delivery, reason: string) =>
  deliveries.settle(deps.db, delivery.id, { status: 'failed', reason });

/**
 * Sends a claimed delivery, outside any transaction: it is committed as `sending` before the
 * provider call and settled after it, `sent` with its notification.sent event in one
 * transaction, or `failed` with the reason when the provider refuses it. A transient failure is
 * thrown and leaves it `sending`, to be tried again. Every attempt carries the same provider
 * reference (the request id), so however often it is tried the member gets one message.
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
  if (!delivery) return;
  if (delivery.attempts > deps.maxAttempts) {
    await fail(
      deps,
      delivery,
      `no answer from the SMS provider after ${deps.maxAttempts} attempts`,
    );
    return;
  }
  const contact = await contacts.find(deps.db, delivery.memberId);
  if (!contact?.mobileEncrypted) {
    await fail(deps, delivery, 'the member has no contact any more');
    return;
  }

  let providerMessageId: string;
  try {
    ({ providerMessageId } = await deps.sms.send({
      to: deps.pii.decrypt(contact.mobileEncrypted),
      text: delivery.text,
      reference: delivery.requestId,
    }));
  } catch (error) {
    if (!(error instanceof SmsRejectedError)) throw error;
    await fail(deps, delivery, error.message);
    return;
  }

  const sentAt = deps.clock.nowFor(delivery.brandId);
  await deps.db.transaction(async (trx) => {
    const settled = await deliveries.settle(trx, delivery.id, {
      status: 'sent',
      providerMessageId,
      at: sentAt,
    });
    if (settled) await appendToOutbox(trx, [sentEvent(delivery, providerMessageId, sentAt)]);
  });
}
