import { createEvent, type AnyEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  maskMobile,
  type BrandClock,
  type Database,
  type PiiCipher,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { membersRepository as members } from '../data/members.repository';
import {
  formatCardNumber,
  isFutureBirthday,
  isSameRegistration,
  type Member,
  type RegistrationInput,
} from './member';

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
 * R1/R3: a member joins with a profile and gets a card number. The mobile is the natural key
 * within a brand, so a POS that retries a registration gets the first result back.
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

  const fingerprint = deps.pii.fingerprint(input.mobile);
  return deps.db.transaction(async (trx) => {
    // Serialise registrations of one mobile so two concurrent retries cannot both insert.
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`${brandId}:${fingerprint}`]);
    const existing = await members.findByMobile(trx, brandId, fingerprint);
    if (existing) {
      if (isSameRegistration(existing, input)) return { member: existing, created: false };
      throw new DomainError(
        'MEMBER_ALREADY_REGISTERED',
        'another member is already registered with this mobile',
        { kind: 'conflict', field: 'mobile', existing: { type: 'member', id: existing.id } },
      );
    }

    const member: Member = {
      id: uuidv7(),
      brandId,
      cardNumber: formatCardNumber(await members.nextCardSequence(trx)),
      name: input.name.trim(),
      mobileEncrypted: deps.pii.encrypt(input.mobile),
      mobileFingerprint: fingerprint,
      mobileMasked: maskMobile(input.mobile),
      birthday: input.birthday ?? null,
      homeStoreId: input.homeStoreId,
      registeredAt: now,
    };
    await members.insert(trx, member);
    const registered: AnyEvent = createEvent({
      type: 'member.registered',
      brandId,
      storeId: member.homeStoreId,
      memberId: member.id,
      correlationId,
      occurredAt: now,
      data: {
        memberId: member.id,
        cardNumber: member.cardNumber,
        name: member.name,
        mobileEncrypted: member.mobileEncrypted,
        mobileMasked: member.mobileMasked,
        ...(member.birthday && { birthday: member.birthday }),
        homeStoreId: member.homeStoreId,
        registeredAt: now.toISOString(),
      },
    });
    await appendToOutbox(trx, [registered]);
    return { member, created: true };
  });
}
