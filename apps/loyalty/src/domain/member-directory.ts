import { DomainError, type Database } from '@laoke/platform';
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
  const member = await deps.members.find(memberId, { brandId, requestId });
  if (!member) return false;
  await knownMembers.upsert(deps.db, {
    memberId,
    brandId,
    homeStoreId: member.homeStoreId,
    registeredAt: new Date(member.registeredAt),
  });
  return true;
}

/** A member the request is about (in its path) must exist in the brand: 404 otherwise. */
export async function requireMember(
  deps: { db: Database; members: MembersClient },
  brandId: string,
  memberId: string,
  requestId: string,
): Promise<void> {
  if (!(await memberExists(deps, brandId, memberId, requestId))) {
    throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
      kind: 'not-found',
      field: 'memberId',
    });
  }
}

/** How a POS names the buyer: by id, or by the card or mobile the member shows at the counter. */
export type MemberReference = { memberId: string } | { cardNumber: string } | { mobile: string };

/** The buyer's id; an unknown member is refused naming the field the POS used. */
export async function resolveMember(
  deps: { db: Database; members: MembersClient },
  brandId: string,
  reference: MemberReference,
  requestId: string,
): Promise<string> {
  if ('memberId' in reference) {
    if (await memberExists(deps, brandId, reference.memberId, requestId)) return reference.memberId;
    throw unknownMember('memberId');
  }
  const member = await deps.members.findBy(reference, { brandId, requestId });
  if (!member) throw unknownMember('cardNumber' in reference ? 'cardNumber' : 'mobile');
  await knownMembers.upsert(deps.db, {
    memberId: member.memberId,
    brandId,
    homeStoreId: member.homeStoreId,
    registeredAt: new Date(member.registeredAt),
  });
  return member.memberId;
}

const unknownMember = (field: string) =>
  new DomainError('UNKNOWN_MEMBER', 'no member of this brand matches', {
    kind: 'unknown-reference',
    field,
  });
