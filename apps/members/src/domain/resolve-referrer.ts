import { DomainError, type PiiCipher, type Queryable } from '@laoke/platform';
import { membersRepository as members } from '../data/members.repository';
import type { ReferralVia } from '../data/referrals.repository';
import type { Member, ReferrerInput } from './member';
import { normaliseReferralCode } from './referral-code';

/**
 * R7: the referrer named at joining, found within the same brand only. A member who does not
 * exist yet can neither refer themself nor close a cycle, so joining is the only place a
 * referrer is set.
 */
export async function resolveReferrer(
  db: Queryable,
  pii: PiiCipher,
  brandId: string,
  referrer: ReferrerInput,
): Promise<{ member: Member; via: ReferralVia }> {
  const given = Object.entries(referrer).filter(([, value]) => value !== undefined);
  const [key] = given[0] ?? [];
  if (given.length !== 1 || key === undefined) {
    throw new DomainError(
      'ONE_REFERRER_KEY',
      'give exactly one of memberId, cardNumber, mobile, referralCode',
      {
        kind: 'invalid',
        field: 'referrer',
      },
    );
  }
  const found =
    referrer.memberId !== undefined
      ? {
          member: await members.findById(db, brandId, referrer.memberId),
          via: 'member-id' as const,
        }
      : referrer.cardNumber !== undefined
        ? {
            member: await members.findByCardNumber(db, brandId, referrer.cardNumber),
            via: 'card-number' as const,
          }
        : referrer.referralCode !== undefined
          ? {
              member: await members.findByReferralCode(
                db,
                brandId,
                normaliseReferralCode(referrer.referralCode),
              ),
              via: 'referral-code' as const,
            }
          : {
              member: await members.findByMobile(
                db,
                brandId,
                pii.fingerprint(referrer.mobile ?? ''),
              ),
              via: 'mobile' as const,
            };
  if (!found.member) {
    throw new DomainError('UNKNOWN_REFERRER', 'no member of this brand matches the referrer', {
      kind: 'unknown-reference',
      field: `referrer.${key}`,
    });
  }
  return { member: found.member, via: found.via };
}
