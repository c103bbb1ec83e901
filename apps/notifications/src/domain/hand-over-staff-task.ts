import { createEvent, type NotificationPurpose } from '@laoke/contracts';
import { appendToOutbox } from '@laoke/platform';
import { deliveryAttemptsRepository as attempts } from '../data/delivery-attempts.repository';
import { deliveriesRepository as deliveries, type Delivery } from '../data/deliveries.repository';
import type { DeliveryDeps } from './delivery-deps';

/** How a staff-task delivery is named in attempts and receipts: campaigns carries it out. */
export const STAFF_TASK_PROVIDER = 'staff-task';

/**
 * The staff-task channel's send: the delivery is settled `sent` (its own id as the provider's
 * message id) and `notification.staff-task-requested` asks campaigns for a call by the member's
 * associate, in one transaction; the task's outcome (`task.completed`) settles it later as
 * delivered or failed. No external call, so nothing to retry.
 */
export async function handOverStaffTask(deps: DeliveryDeps, delivery: Delivery): Promise<void> {
  const at = deps.clock.nowFor(delivery.brandId);
  const cause = {
    brandId: delivery.brandId,
    ...(delivery.storeId && { storeId: delivery.storeId }),
    memberId: delivery.memberId,
    ...(delivery.requestEventId && { causationId: delivery.requestEventId }),
    ...(delivery.correlationId && { correlationId: delivery.correlationId }),
  };
  await deps.db.transaction(async (trx) => {
    const settled = await deliveries.settle(trx, delivery.id, {
      status: 'sent',
      providerMessageId: delivery.id,
      at,
    });
    if (!settled) return;
    await attempts.record(
      trx,
      delivery.id,
      delivery.attempts,
      [{ provider: STAFF_TASK_PROVIDER, outcome: 'sent', detail: 'handed to campaigns' }],
      at,
    );
    await attempts.markSentBy(trx, delivery.id, STAFF_TASK_PROVIDER);
    await appendToOutbox(trx, [
      createEvent({
        type: 'notification.staff-task-requested',
        ...cause,
        data: {
          requestId: delivery.requestId,
          deliveryId: delivery.id,
          memberId: delivery.memberId,
          purpose: (delivery.purpose ?? 'service') as NotificationPurpose,
          template: delivery.template,
          brief: delivery.text.slice(0, 1000),
          requestedAt: at.toISOString(),
        },
      }),
      createEvent({
        type: 'notification.sent',
        ...cause,
        data: {
          requestId: delivery.requestId,
          deliveryId: delivery.id,
          memberId: delivery.memberId,
          channel: 'staff-task' as const,
          template: delivery.template,
          providerMessageId: delivery.id,
          sentAt: at.toISOString(),
        },
      }),
    ]);
  });
}
