import type { BirthdayCalendar, MemberRegisteredData, MemberUpdatedData } from '@laoke/contracts';
import type { BrandClock, Transaction } from '@laoke/platform';
import {
  greetingMembersRepository as members,
  type GreetingMember,
} from '../../data/greeting-members.repository';
import { nextBirthday } from './greeting-calendar';
import { localDay, type GreetingPolicy } from './greeting-policy';

export interface GreetingProjectionDeps {
  clock: BrandClock;
  policy: GreetingPolicy;
}

/** The member's next birthday from today in their zone; greeted today if today is the day. */
function withNextBirthday(deps: GreetingProjectionDeps, member: GreetingMember): GreetingMember {
  if (!member.birthday) return { ...member, nextBirthdayOn: null };
  const today = localDay(
    deps.clock.nowFor(member.brandId),
    member.timeZone ?? deps.policy.timeZone,
  );
  return {
    ...member,
    nextBirthdayOn: nextBirthday(member.birthday, member.birthdayCalendar, today),
  };
}

export const projectRegisteredMember = (
  trx: Transaction,
  deps: GreetingProjectionDeps,
  brandId: string,
  data: MemberRegisteredData,
) =>
  members.save(
    trx,
    withNextBirthday(deps, {
      brandId,
      memberId: data.memberId,
      homeStoreId: data.homeStoreId,
      birthday: data.birthday ?? null,
      birthdayCalendar: data.birthdayCalendar ?? 'solar',
      timeZone: null,
      nextBirthdayOn: null,
    }),
  );

/** Only what the update names changes; a new birthday, calendar or zone moves the next greeting. */
export async function projectUpdatedMember(
  trx: Transaction,
  deps: GreetingProjectionDeps,
  brandId: string,
  data: MemberUpdatedData,
) {
  const known = await members.find(trx, brandId, data.memberId);
  if (!known) return;
  const calendar: BirthdayCalendar = data.birthdayCalendar ?? known.birthdayCalendar;
  const changed = {
    ...known,
    homeStoreId: data.homeStoreId ?? known.homeStoreId,
    birthday: data.birthday ?? known.birthday,
    birthdayCalendar: calendar,
    timeZone: data.timeZone ?? known.timeZone,
  };
  const movesBirthday =
    changed.birthday !== known.birthday ||
    changed.birthdayCalendar !== known.birthdayCalendar ||
    changed.timeZone !== known.timeZone;
  await members.save(trx, movesBirthday ? withNextBirthday(deps, changed) : changed);
}

/** Erasure: the birthday and the rest go; nobody is greeted any more. */
export const forgetMember = (trx: Transaction, brandId: string, memberId: string) =>
  members.remove(trx, brandId, memberId);
