import type { Database } from '@laoke/platform';
import type { MembersClient } from '../clients/members.client';
import { knownMembersRepository as knownMembers } from '../data/known-members.repository';

/**
 * Whether a member exists in a brand: the projection answers first; a member registered a
 * moment ago may not be there yet, so the members service is asked and the answer kept.
 */
export async function memberExists(
  deps: { db: Database; members: MembersClient },
  brandId: string,
  memberId: string,
  requestId: string,
): Promise<boolean> {
  if (await knownMembers.exists(deps.db, brandId, memberId)) return true;
  const member = await deps.members.find(brandId, memberId, requestId);
  if (!member) return false;
  await knownMembers.upsert(deps.db, {
    memberId,
    brandId,
    homeStoreId: member.homeStoreId,
    registeredAt: new Date(member.registeredAt),
  });
  return true;
}
