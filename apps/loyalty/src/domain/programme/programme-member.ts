import type { Database, Queryable } from '@laoke/platform';
import type { MembersClient } from '../../clients/members.client';
import { programmeMembersRepository as programmeMembers } from '../../data/programme-members.repository';

export interface ProgrammeMemberFacts {
  birthday: string | null;
  registeredAt: Date;
}

/**
 * The member facts the programme reads (birthday, joining date) from the local projection; a
 * member registered a moment ago may not be projected yet, so the members service is asked.
 * `remember` keeps that answer: a read-only caller (the checkout quote) passes false.
 */
export async function programmeMemberFacts(
  deps: { db: Database; members: MembersClient },
  key: { brandId: string; memberId: string; requestId: string },
  remember: boolean,
): Promise<ProgrammeMemberFacts | undefined> {
  const projected = await programmeMembers.find(deps.db, key.brandId, key.memberId);
  if (projected) return projected;
  const member = await deps.members.find(key.memberId, key);
  if (!member) return undefined;
  const facts = { birthday: member.birthday ?? null, registeredAt: new Date(member.registeredAt) };
  if (remember)
    await programmeMembers.upsert(deps.db, {
      memberId: key.memberId,
      brandId: key.brandId,
      ...facts,
    });
  return facts;
}

/** Inside a purchase's transaction: the projection, else the member directory's joining date. */
export async function projectedFacts(
  trx: Queryable,
  brandId: string,
  memberId: string,
  fallbackRegisteredAt: Date,
): Promise<ProgrammeMemberFacts> {
  const projected = await programmeMembers.find(trx, brandId, memberId);
  if (projected) return projected;
  const known = await trx('known_members')
    .where({ brand_id: brandId, member_id: memberId })
    .first<{ registered_at: Date } | undefined>('registered_at');
  return { birthday: null, registeredAt: known?.registered_at ?? fallbackRegisteredAt };
}
