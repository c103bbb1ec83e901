import type { CaseStatus } from '@laoke/contracts';
import { appendToOutbox, DomainError, type BrandClock, type Database } from '@laoke/platform';
import { casesRepository as cases, type ComplaintCase } from '../../data/cases.repository';
import { staffTasksRepository as tasks } from '../../data/staff-tasks.repository';
import { caseChanged } from './case-events';

/** A case only moves forward: open → contacted → resolved (or open → resolved). */
const NEXT: Record<CaseStatus, CaseStatus[]> = {
  open: ['contacted', 'resolved'],
  contacted: ['resolved'],
  resolved: [],
};

/**
 * Moves a complaint case on (R8). Resolving it closes the calls still open for it. Asking for
 * the status a case already has answers the case as it is.
 */
export async function changeCase(
  deps: { db: Database; clock: BrandClock },
  scope: { brandId: string; caseId: string },
  change: { to: CaseStatus; resolution?: string },
): Promise<ComplaintCase> {
  return deps.db.transaction(async (trx) => {
    const current = await cases.findForUpdate(trx, scope.brandId, scope.caseId);
    if (!current) {
      throw new DomainError('CASE_NOT_FOUND', 'no case has this id', {
        kind: 'not-found',
        field: 'caseId',
      });
    }
    if (current.status === change.to) return current;
    if (!NEXT[current.status].includes(change.to)) {
      throw new DomainError(
        'CASE_TRANSITION_NOT_ALLOWED',
        `a ${current.status} case cannot become ${change.to}`,
        { kind: 'conflict', field: 'to' },
      );
    }
    const now = deps.clock.nowFor(scope.brandId);
    const updated = await cases.update(
      trx,
      current.id,
      change.to === 'contacted'
        ? { status: 'contacted', contacted_at: now }
        : { status: 'resolved', resolved_at: now, resolution: change.resolution ?? null },
    );
    if (change.to === 'resolved') {
      await tasks.cancelOpenBySourcePrefix(
        trx,
        current.brandId,
        `case:${current.id}`,
        'case resolved',
        now,
      );
      await tasks.cancelOpenBySourcePrefix(
        trx,
        current.brandId,
        `case-escalation:${current.id}`,
        'case resolved',
        now,
      );
    }
    await appendToOutbox(trx, [caseChanged(updated, now)]);
    return updated;
  });
}
