import { appendToOutbox, type BrandClock, type Database } from '@laoke/platform';
import { casesRepository as cases } from '../../data/cases.repository';
import { createStaffTask } from '../tasks/create-staff-task';
import { caseChanged } from './case-events';

/**
 * R8: a case still unresolved at its deadline goes to the region manager, once: the case is
 * marked escalated, a task lands on the region manager's list and `case.changed` says so.
 * Each brand's cases are judged at that brand's clock; replicas skip cases another holds.
 */
export async function escalateOverdueCases(
  deps: { db: Database; clock: BrandClock },
  batchSize: number,
): Promise<number> {
  let escalated = 0;
  for (const brandId of await cases.brandsAwaitingEscalation(deps.db)) {
    escalated += await deps.db.transaction(async (trx) => {
      const now = deps.clock.nowFor(brandId);
      const overdue = await cases.claimOverdue(trx, brandId, now, batchSize);
      for (const c of overdue) {
        const updated = await cases.update(trx, c.id, { escalated_at: now });
        await createStaffTask(
          trx,
          {
            brandId: c.brandId,
            storeId: c.storeId,
            memberId: c.memberId,
            kind: 'complaint-escalation',
            role: 'region-manager',
            assigneeId: null,
            title: 'A complaint passed its deadline unresolved',
            dueAt: now,
            sourceKey: `case-escalation:${c.id}`,
          },
          now,
        );
        await appendToOutbox(trx, [caseChanged(updated, now)]);
      }
      return overdue.length;
    });
  }
  return escalated;
}
