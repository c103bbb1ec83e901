import { DomainError, type Database, type PageRequest } from '@laoke/platform';
import { membersRepository as members } from '../data/members.repository';
import { referralsRepository as referrals, type Referral } from '../data/referrals.repository';
import type { Member } from './member';

export interface ReferredMember extends Referral {
  member: Member;
}

/** R7: who referred this member, and one page of the members they brought, newest first. */
export async function memberReferrals(
  deps: { db: Database },
  brandId: string,
  memberId: string,
  page: PageRequest,
): Promise<{ referrerMemberId: string | null; referred: ReferredMember[] }> {
  const member = await members.findById(deps.db, brandId, memberId);
  if (!member) {
    throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
      kind: 'not-found',
      field: 'memberId',
    });
  }
  const rows = await referrals.pageByReferrer(deps.db, brandId, memberId, page);
  const byId = new Map(
    (
      await members.findByIds(
        deps.db,
        brandId,
        rows.map((r) => r.referredMemberId),
      )
    ).map((m) => [m.id, m]),
  );
  return {
    referrerMemberId: member.referrerMemberId,
    referred: rows.flatMap((row) => {
      const referred = byId.get(row.referredMemberId);
      return referred ? [{ ...row, member: referred }] : [];
    }),
  };
}
