import { createEvent, type MemberUpdatedData } from '@laoke/contracts';
import { DomainError, appendToOutbox } from '@laoke/platform';
import { membersRepository as members } from '../data/members.repository';
import { isFutureBirthday, type Member, type MemberChanges } from './member';
import { applyProfile } from './member-profile';
import { protectMobile } from './personal-data';
import type { RegisterMemberDeps } from './register-member.use-case';

const notFound = () =>
  new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
    kind: 'not-found',
    field: 'memberId',
  });

/** What other services project of a change (contract `member.updated`); personal data encrypted. */
export function updatedFacts(before: Member, after: Member): Omit<MemberUpdatedData, 'updatedAt'> {
  const changed = <K extends keyof Member>(key: K) => before[key] !== after[key];
  return {
    memberId: after.id,
    ...(changed('name') && { name: after.name }),
    ...(changed('mobileFingerprint') && {
      mobileEncrypted: after.mobileEncrypted,
      mobileMasked: after.mobileMasked,
    }),
    ...(changed('emailEncrypted') &&
      after.emailEncrypted !== null && { emailEncrypted: after.emailEncrypted }),
    ...(changed('wechatOpenId') &&
      after.wechatOpenId !== null && { wechatOpenId: after.wechatOpenId }),
    ...(changed('birthday') && after.birthday !== null && { birthday: after.birthday }),
    ...(changed('birthdayCalendar') && { birthdayCalendar: after.birthdayCalendar }),
    ...(changed('homeStoreId') && { homeStoreId: after.homeStoreId }),
    ...(changed('servingAssociateId') && { servingAssociateId: after.servingAssociateId }),
    ...(before.tags.join('\n') !== after.tags.join('\n') && { tags: after.tags }),
  };
}

/**
 * R1: a partial change of a member's profile with optimistic concurrency: the caller names the
 * version it read (the ETag), and a change based on an older version is refused, so two clerks
 * never silently overwrite each other.
 */
export async function updateMember(
  deps: RegisterMemberDeps,
  command: {
    brandId: string;
    memberId: string;
    expectedVersion: number;
    changes: MemberChanges;
    correlationId: string;
  },
): Promise<Member> {
  const { brandId, memberId, changes } = command;
  const now = deps.clock.nowFor(brandId);
  if (isFutureBirthday(changes.birthday, now)) {
    throw new DomainError('BIRTHDAY_IN_FUTURE', 'cannot be in the future', {
      kind: 'invalid',
      field: 'birthday',
    });
  }
  const mobile = changes.mobile === undefined ? undefined : protectMobile(deps.pii, changes.mobile);

  return deps.db.transaction(async (trx) => {
    if (mobile) {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `${brandId}:${mobile.fingerprint}`,
      ]);
    }
    const current = await members.lockById(trx, brandId, memberId);
    if (!current) throw notFound();
    if (current.version !== command.expectedVersion) {
      throw new DomainError('STALE_VERSION', 'the member was changed since this version was read', {
        kind: 'stale',
        field: 'if-match',
      });
    }
    if (mobile && mobile.fingerprint !== current.mobileFingerprint) {
      const holder = await members.findByMobile(trx, brandId, mobile.fingerprint);
      if (holder) {
        throw new DomainError(
          'MEMBER_ALREADY_REGISTERED',
          'another member is already registered with this mobile',
          { kind: 'conflict', field: 'mobile', existing: { type: 'member', id: holder.id } },
        );
      }
    }

    const next: Member = {
      ...current,
      ...applyProfile(deps.pii, current, changes),
      ...(changes.name !== undefined && { name: changes.name.trim() }),
      ...(changes.birthday !== undefined && { birthday: changes.birthday }),
      ...(changes.homeStoreId !== undefined && { homeStoreId: changes.homeStoreId }),
      ...(mobile &&
        mobile.fingerprint !== current.mobileFingerprint && {
          mobileEncrypted: mobile.encrypted,
          mobileFingerprint: mobile.fingerprint,
          mobileMasked: mobile.masked,
        }),
      version: current.version + 1,
      updatedAt: now,
    };
    await members.update(trx, next);
    await appendToOutbox(trx, [
      createEvent({
        type: 'member.updated',
        brandId,
        storeId: next.homeStoreId,
        memberId,
        correlationId: command.correlationId,
        occurredAt: now,
        data: { ...updatedFacts(current, next), updatedAt: now.toISOString() },
      }),
    ]);
    return next;
  });
}
