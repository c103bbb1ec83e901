import type { BrandClock, Database, PageRequest } from '@laoke/platform';
import type { MembersClient } from '../clients/members.client';
import { lotsRepository as lots } from '../data/lots.repository';
import { pointsRepository as points } from '../data/points.repository';
import { requireMember } from './member-directory';

export interface MemberPointsDeps {
  db: Database;
  members: MembersClient;
  clock: BrandClock;
}

interface MemberQuery {
  brandId: string;
  memberId: string;
  requestId: string;
}

/**
 * A member's balance (R4); a member who never bought has zero, an unknown one is not found.
 * `spendable` is what lots allow now (not pending, not expired, not held for a redemption).
 */
export async function pointsBalance(deps: MemberPointsDeps, query: MemberQuery) {
  await requireMember(deps, query.brandId, query.memberId, query.requestId);
  const account = await points.find(deps.db, query.brandId, query.memberId);
  return {
    memberId: query.memberId,
    balance: account?.balance ?? 0,
    spendable: await lots.spendableTotal(deps.db, query.memberId, deps.clock.nowFor(query.brandId)),
    held: account?.held ?? 0,
    lifetimeEarned: account?.lifetimeEarned ?? 0,
    updatedAt: account?.updatedAt ?? null,
  };
}

/** One page of a member's points changes, newest first (R4). */
export async function pointsLedger(deps: MemberPointsDeps, query: MemberQuery, page: PageRequest) {
  await requireMember(deps, query.brandId, query.memberId, query.requestId);
  return points.ledger(deps.db, query.brandId, query.memberId, page);
}
