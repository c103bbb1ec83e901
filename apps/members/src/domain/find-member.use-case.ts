import { DomainError, type Database, type PiiCipher } from '@laoke/platform';
import { membersRepository as members } from '../data/members.repository';
import type { Member } from './member';

/** How a store finds a member: by the mobile they give or the card they show, never both. */
export interface MemberLookup {
  mobile?: string;
  cardNumber?: string;
}

const notFound = () =>
  new DomainError('MEMBER_NOT_FOUND', 'no member matches', { kind: 'not-found' });

/** Finds a member of a brand; nothing about the value searched for appears in a refusal. */
export async function findMember(
  deps: { db: Database; pii: PiiCipher },
  brandId: string,
  lookup: MemberLookup,
): Promise<Member> {
  const { mobile, cardNumber } = lookup;
  if ((mobile === undefined) === (cardNumber === undefined)) {
    throw new DomainError('ONE_LOOKUP_KEY', 'give either mobile or cardNumber', {
      kind: 'invalid',
      field: mobile === undefined ? 'mobile' : 'cardNumber',
    });
  }
  const member =
    mobile !== undefined
      ? await members.findByMobile(deps.db, brandId, deps.pii.fingerprint(mobile))
      : await members.findByCardNumber(deps.db, brandId, cardNumber ?? '');
  if (!member) throw notFound();
  return member;
}

export async function getMember(deps: { db: Database }, brandId: string, memberId: string) {
  const member = await members.findById(deps.db, brandId, memberId);
  if (!member)
    throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
      kind: 'not-found',
      field: 'memberId',
    });
  return member;
}
