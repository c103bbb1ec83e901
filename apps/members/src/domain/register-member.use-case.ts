import { createEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  type BrandClock,
  type Database,
  type PiiCipher,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { cardsRepository as cards } from '../data/cards.repository';
import { membersRepository as members } from '../data/members.repository';
import { referralsRepository as referrals } from '../data/referrals.repository';
import {
  formatCardNumber,
  isFutureBirthday,
  isSameRegistration,
  type Member,
  type RegistrationInput,
} from './member';
import { EMPTY_PROFILE, applyProfile } from './member-profile';
import { protectMobile } from './personal-data';
import { freshReferralCodes } from './referral-code';
import { resolveReferrer } from './resolve-referrer';
import { memberRegisteredEvents } from './member-registered-events';

export interface RegisterMemberDeps {
  db: Database;
  pii: PiiCipher;
  clock: BrandClock;
}

export interface RegistrationResult {
  member: Member;
  created: boolean;
}

/**
 * R1/R3/R7: a member joins with a profile and gets a card number, and the member who brought
 * them is recorded. The mobile is the natural key within a brand, so a POS that retries a
 * registration gets the first result back.
 */
export async function registerMember(
  deps: RegisterMemberDeps,
  brandId: string,
  input: RegistrationInput,
  correlationId: string,
): Promise<RegistrationResult> {
  const now = deps.clock.nowFor(brandId);
  if (isFutureBirthday(input.birthday, now)) {
    throw new DomainError('BIRTHDAY_IN_FUTURE', 'cannot be in the future', {
      kind: 'invalid',
      field: 'birthday',
    });
  }

  const mobile = protectMobile(deps.pii, input.mobile);
  return deps.db.transaction(async (trx) => {
    // Serialise registrations of one mobile so two concurrent retries cannot both insert.
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
      `${brandId}:${mobile.fingerprint}`,
    ]);
    const existing = await members.findByMobile(trx, brandId, mobile.fingerprint);
    if (existing) {
      if (isSameRegistration(existing, input)) return { member: existing, created: false };
      throw new DomainError(
        'MEMBER_ALREADY_REGISTERED',
        'another member is already registered with this mobile',
        { kind: 'conflict', field: 'mobile', existing: { type: 'member', id: existing.id } },
      );
    }
    const referrer = input.referrer
      ? await resolveReferrer(trx, deps.pii, brandId, input.referrer)
      : undefined;

    const [referralCode] = await freshReferralCodes(trx, brandId, 1);
    const member: Member = {
      ...applyProfile(deps.pii, EMPTY_PROFILE, input),
      id: uuidv7(),
      brandId,
      cardNumber: formatCardNumber(await members.nextCardSequence(trx)),
      name: input.name.trim(),
      mobileEncrypted: mobile.encrypted,
      mobileFingerprint: mobile.fingerprint,
      mobileMasked: mobile.masked,
      birthday: input.birthday ?? null,
      homeStoreId: input.homeStoreId,
      referrerMemberId: referrer?.member.id ?? null,
      referralCode: referralCode ?? null,
      version: 1,
      registeredAt: now,
      updatedAt: now,
    };
    await members.insert(trx, member);
    await cards.issue(trx, {
      number: member.cardNumber,
      brandId,
      memberId: member.id,
      issuedAt: now,
    });
    const events = memberRegisteredEvents(member, correlationId);
    if (referrer) {
      await referrals.insert(trx, brandId, {
        referredMemberId: member.id,
        referrerMemberId: referrer.member.id,
        via: referrer.via,
        referredAt: now,
      });
      events.push(
        createEvent({
          brandId,
          storeId: member.homeStoreId,
          memberId: member.id,
          correlationId,
          type: 'member.referred',
          occurredAt: now,
          data: {
            memberId: member.id,
            referrerMemberId: referrer.member.id,
            via: referrer.via,
            referredAt: now.toISOString(),
          },
        }),
      );
    }
    await appendToOutbox(trx, events);
    return { member, created: true };
  });
}
