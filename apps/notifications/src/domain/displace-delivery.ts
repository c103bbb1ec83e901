import {
  createEvent,
  type NotificationCategory,
  type NotificationChannel,
  type NotificationPurpose,
} from '@laoke/contracts';
import { appendToOutbox, type Transaction } from '@laoke/platform';
import type { Contact } from '../data/contacts.repository';
import {
  deliveryScheduleRepository as schedule,
  type CapOccupant,
} from '../data/delivery-schedule.repository';
import { paceDelivery } from './delivery-pacing';
import type { BrandPolicy } from './notification-policy';

/**
 * A higher-priority delivery took this one's place under the member's cap: it waits for the
 * next room (never displacing another in turn), or is dropped with the reason when that is past
 * its expiry. Both are recorded.
 */
export async function displaceDelivery(
  trx: Transaction,
  policy: BrandPolicy,
  displaced: CapOccupant,
  context: { by: string; contact: Contact; now: Date },
): Promise<void> {
  const pacing = await paceDelivery(
    trx,
    policy,
    {
      memberId: displaced.memberId,
      channel: displaced.channel as NotificationChannel,
      category: displaced.category as NotificationCategory,
      priority: displaced.priority,
      timeZone: context.contact.timeZone ?? policy.timeZone,
      deliveryId: displaced.id,
    },
    displaced.notBefore,
    context.now,
    false,
  );
  const why = `frequency-cap: higher-priority delivery ${context.by}`;
  if (displaced.expiresAt && pacing.notBefore > displaced.expiresAt) {
    const reason = `expired-before-allowed-time (${why})`;
    if (!(await schedule.suppress(trx, displaced.id, reason))) return;
    await schedule.recordDecision(trx, {
      deliveryId: displaced.id,
      decision: 'suppressed',
      reason,
      notBefore: null,
      at: context.now,
    });
    await appendToOutbox(trx, [
      createEvent({
        type: 'notification.suppressed',
        brandId: displaced.brandId,
        memberId: displaced.memberId,
        data: {
          requestId: displaced.requestId,
          deliveryId: displaced.id,
          memberId: displaced.memberId,
          purpose: (displaced.purpose ?? 'service') as NotificationPurpose,
          ...(displaced.channel && { channel: displaced.channel as NotificationChannel }),
          reason,
          suppressedAt: context.now.toISOString(),
        },
      }),
    ]);
    return;
  }
  if (!(await schedule.reschedule(trx, displaced.id, pacing.notBefore, why))) return;
  await schedule.recordDecision(trx, {
    deliveryId: displaced.id,
    decision: 'bumped',
    reason: why,
    notBefore: pacing.notBefore,
    at: context.now,
  });
}
