import { DomainError, type Database, type PageRequest, type ServiceClient } from '@laoke/platform';
import { followUpsRepository as followUps } from '../data/follow-ups.repository';

export interface MemberFollowUpsDeps {
  db: Database;
  members: ServiceClient;
}

/**
 * One page of a member's cadence steps (R6), in due order. A member with steps exists; when there
 * are none, the members service tells a member who never bought (an empty list) from an unknown
 * id (404).
 */
export async function memberFollowUps(
  deps: MemberFollowUpsDeps,
  query: { brandId: string; memberId: string; requestId: string },
  page: PageRequest,
) {
  const rows = await followUps.listForMember(deps.db, query.brandId, query.memberId, page);
  if (rows.length > 0 || page.after !== undefined) return rows;
  const known = await deps.members.exists(
    `/v1/members/${encodeURIComponent(query.memberId)}`,
    query,
  );
  if (!known) {
    throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
      kind: 'not-found',
      field: 'memberId',
    });
  }
  return rows;
}
