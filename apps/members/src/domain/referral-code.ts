import { randomInt } from 'node:crypto';
import type { Queryable } from '@laoke/platform';
import { membersRepository as members } from '../data/members.repository';

/** Crockford base32: no I, L, O or U, so a code read out at a counter cannot be misheard. */
export const REFERRAL_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERRAL_CODE_LENGTH = 8;

export const randomReferralCode = (): string =>
  Array.from(
    { length: REFERRAL_CODE_LENGTH },
    () => REFERRAL_CODE_ALPHABET[randomInt(REFERRAL_CODE_ALPHABET.length)],
  ).join('');

/** What a clerk typed, read the Crockford way: any case, O as zero, I and L as one. */
export const normaliseReferralCode = (typed: string): string =>
  typed.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');

/**
 * `count` codes no member of the brand holds and no two alike. A collision is rare
 * (32^8 codes), so drawing again for the few taken ones ends quickly.
 */
export async function freshReferralCodes(
  db: Queryable,
  brandId: string,
  count: number,
): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < count) {
    const drawn = new Set<string>();
    while (drawn.size < count - codes.size) {
      const code = randomReferralCode();
      if (!codes.has(code)) drawn.add(code);
    }
    const taken = await members.takenReferralCodes(db, brandId, [...drawn]);
    for (const code of drawn) if (!taken.has(code)) codes.add(code);
  }
  return [...codes];
}
