import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Database, type ScheduledJob } from '@laoke/platform';
import { lotsRepository as lots } from '../data/lots.repository';
import { pointsRepository as accounts } from '../data/points.repository';
import { expireDue } from './points-book';

/**
 * Expires lots whose time has come, per brand on the brand's own clock, one member per
 * transaction. A member another replica (or a purchase) holds is skipped and found next tick.
 */
export async function expireDuePoints(
  deps: { db: Database; clock: BrandClock },
  batchSize: number,
): Promise<number> {
  let expired = 0;
  for (const brandId of await lots.brandsWithPoints(deps.db)) {
    const now = deps.clock.nowFor(brandId);
    for (const memberId of await lots.membersWithDueLots(deps.db, brandId, now, batchSize)) {
      const done = await deps.db.transaction(async (trx) => {
        if (!(await accounts.tryLock(trx, memberId))) return false;
        const account = await accounts.lock(trx, brandId, memberId, now);
        const result = await expireDue(trx, account, brandId, now);
        if (!result) return false;
        await appendToOutbox(trx, [
          createEvent({
            type: 'points.expired',
            brandId,
            memberId,
            occurredAt: now,
            data: {
              memberId,
              points: result.points,
              balance: result.account.balance,
              expiredAt: result.expiredAt.toISOString(),
            },
          }),
        ]);
        return true;
      });
      if (done) expired += 1;
    }
  }
  return expired;
}

export const expirePointsJob = (
  deps: { db: Database; clock: BrandClock },
  options: { intervalMs: number; batchSize: number },
): ScheduledJob => ({
  name: 'loyalty.expire-points',
  intervalMs: options.intervalMs,
  batchSize: options.batchSize,
  run: () => expireDuePoints(deps, options.batchSize),
});
