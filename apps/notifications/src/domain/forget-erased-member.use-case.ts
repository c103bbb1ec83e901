import { createEvent, type NotificationChannel, type NotificationPurpose } from '@laoke/contracts';
import { appendToOutbox, type Transaction } from '@laoke/platform';
import { contactsRepository as contacts } from '../data/contacts.repository';
import { deliveriesRepository as deliveries } from '../data/deliveries.repository';
import { deliveryScheduleRepository as schedule } from '../data/delivery-schedule.repository';
import { smsRecipientsRepository as smsRecipients } from '../data/opt-outs.repository';

const ERASED = 'erased';

/**
 * PIPL erasure (member.erased): the contact keeps no name, number, e-mail or openid (the row
 * stays so later requests are suppressed, not retried), sent texts are blanked, the number's
 * fingerprint is dropped, and every delivery still waiting is suppressed with reason `erased`,
 * recorded and published like any other suppression.
 */
export async function forgetErasedMember(
  trx: Transaction,
  erased: { brandId: string; memberId: string; at: Date },
): Promise<void> {
  const { brandId, memberId, at } = erased;
  await contacts.erase(trx, memberId, brandId, at);
  await deliveries.forgetTextsOf(trx, memberId);
  await smsRecipients.forget(trx, memberId);
  const suppressed = await deliveries.suppressWaitingOf(trx, memberId, ERASED);
  for (const delivery of suppressed) {
    await schedule.recordDecision(trx, {
      deliveryId: delivery.id,
      decision: 'suppressed',
      reason: ERASED,
      notBefore: null,
      at,
    });
  }
  await appendToOutbox(
    trx,
    suppressed.map((delivery) =>
      createEvent({
        type: 'notification.suppressed',
        brandId,
        ...(delivery.storeId && { storeId: delivery.storeId }),
        memberId,
        occurredAt: at,
        ...(delivery.correlationId && { correlationId: delivery.correlationId }),
        data: {
          requestId: delivery.requestId,
          deliveryId: delivery.id,
          memberId,
          purpose: (delivery.purpose ?? 'service') as NotificationPurpose,
          ...(delivery.channel && { channel: delivery.channel as NotificationChannel }),
          reason: ERASED,
          suppressedAt: at.toISOString(),
        },
      }),
    ),
  );
}
