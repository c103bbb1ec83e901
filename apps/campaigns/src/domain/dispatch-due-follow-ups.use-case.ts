import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Database } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { purposeOfStep } from './follow-up-cadence';
import { followUpsRepository as followUps, type FollowUp } from '../data/follow-ups.repository';

const notificationRequestFor = (followUp: FollowUp, now: Date) =>
  createEvent({
    type: 'notification.requested',
    occurredAt: now,
    brandId: followUp.brandId,
    storeId: followUp.storeId,
    memberId: followUp.memberId,
    ...(followUp.correlationId && { correlationId: followUp.correlationId }),
    data: {
      requestId: uuidv7(),
      memberId: followUp.memberId,
      template: followUp.template,
      channel: 'sms' as const,
      category: 'care' as const,
      variables: {},
      reason: `follow-up:${followUp.step}:${followUp.purchaseId}`,
      purpose: purposeOfStep(followUp.step),
    },
  });

/**
 * Turns due follow-up steps into notification requests, in the same transaction that claims
 * them; steps another replica has claimed are skipped. A step is due when it is due in its
 * brand's time, so each brand is claimed with its own clock (a sandbox brand's may be days
 * ahead of, or behind, real time). Returns how many were dispatched.
 */
export async function dispatchDueFollowUps(
  db: Database,
  clock: BrandClock,
  batchSize = 100,
): Promise<number> {
  return db.transaction(async (trx) => {
    let dispatched = 0;
    for (const brandId of await followUps.brandsWithPending(trx)) {
      if (dispatched >= batchSize) break;
      const now = clock.nowFor(brandId);
      const due = await followUps.claimDue(trx, brandId, now, batchSize - dispatched);
      if (due.length === 0) continue;
      await appendToOutbox(
        trx,
        due.map((followUp) => notificationRequestFor(followUp, now)),
      );
      await followUps.markDispatched(
        trx,
        due.map((f) => f.id),
        now,
      );
      dispatched += due.length;
    }
    return dispatched;
  });
}
