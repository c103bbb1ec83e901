import { appendToOutbox, type BrandClock, type Database } from '@laoke/platform';
import { greetingMembersRepository as members } from '../../data/greeting-members.repository';
import { nextBirthday } from './greeting-calendar';
import {
  EARLIEST_ZONE,
  GREETING_TEMPLATES,
  birthdayDecision,
  dayAfter,
  endOfLocalDay,
  localDay,
  type GreetingPolicy,
} from './greeting-policy';
import { greetingRequest } from './greeting-request';

export interface GreetingDeps {
  db: Database;
  clock: BrandClock;
  policy: GreetingPolicy;
}

/**
 * R5: a birthday greeting on the member's birthday in their own time zone (the brand's when
 * they have none), solar or lunar as they celebrate it; then the next birthday is stored. A
 * birthday the scan missed by more than a day is skipped to the next one rather than greeted
 * late. Replicas skip each other's rows. Returns how many birthdays were settled.
 */
export async function sendBirthdayGreetings(deps: GreetingDeps, batchSize: number) {
  let settled = 0;
  for (const brandId of await members.brands(deps.db)) {
    const now = deps.clock.nowFor(brandId);
    settled += await deps.db.transaction(async (trx) => {
      const due = await members.claimBirthdaysDue(
        trx,
        brandId,
        localDay(now, EARLIEST_ZONE),
        batchSize,
      );
      let count = 0;
      for (const member of due) {
        const zone = member.timeZone ?? deps.policy.timeZone;
        const today = localDay(now, zone);
        const decision = birthdayDecision(member.nextBirthdayOn as string, today);
        if (decision === 'wait' || !member.birthday) continue;
        if (decision === 'greet') {
          await appendToOutbox(trx, [
            greetingRequest({
              brandId,
              storeId: member.homeStoreId,
              memberId: member.memberId,
              purpose: 'birthday',
              template: GREETING_TEMPLATES.birthday,
              variables: {},
              dedupeKey: `greeting:birthday:${member.memberId}:${member.nextBirthdayOn}`,
              expiresAt: endOfLocalDay(today, zone),
              now,
            }),
          ]);
          await members.markBirthdayGreeted(trx, brandId, member.memberId, today);
        }
        const next = nextBirthday(member.birthday, member.birthdayCalendar, dayAfter(today));
        await members.setNextBirthday(trx, brandId, member.memberId, next);
        count++;
      }
      return count;
    });
  }
  return settled;
}
