import { DomainError, type BrandClock, type Database, type ServiceClient } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { memberActivityRepository as activity } from '../../data/member-activity.repository';
import { churnReasonsRepository as reasons } from '../../data/churn-reasons.repository';

/** R9: why a member left, as the member or the store tells it; tallied per reason code. */
export async function recordChurnReason(
  deps: { db: Database; clock: BrandClock; members: ServiceClient },
  scope: { brandId: string; memberId: string; requestId: string },
  reason: { reasonCode: string; note?: string },
): Promise<{ reasonId: string; reasonCode: string; notedAt: string }> {
  // A member who ever bought is known here; only one who never did is asked of members.
  const known =
    (await activity.find(deps.db, scope.brandId, scope.memberId)) !== undefined ||
    (await deps.members.exists(`/v1/members/${encodeURIComponent(scope.memberId)}`, scope));
  if (!known) {
    throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
      kind: 'not-found',
      field: 'memberId',
    });
  }
  const id = uuidv7();
  const at = deps.clock.nowFor(scope.brandId);
  await reasons.insert(deps.db, {
    id,
    brandId: scope.brandId,
    memberId: scope.memberId,
    code: reason.reasonCode,
    note: reason.note ?? null,
    at,
  });
  return { reasonId: id, reasonCode: reason.reasonCode, notedAt: at.toISOString() };
}

export const churnReasonTally = (
  deps: { db: Database },
  scope: { brandId: string; from: Date; to: Date },
) => reasons.tally(deps.db, scope);
