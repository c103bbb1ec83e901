import { appendToOutbox } from '@laoke/platform';
import { greetingMembersRepository as members } from '../../data/greeting-members.repository';
import { greetingOccasionsRepository as occasions } from '../../data/greeting-occasions.repository';
import {
  GREETING_TEMPLATES,
  PURPOSE_OF_OCCASION,
  endOfLocalDay,
  localDay,
  occasionsOn,
} from './greeting-policy';
import { greetingRequest } from './greeting-request';
import type { GreetingDeps } from './send-birthday-greetings.use-case';

/**
 * One batch of a fan-out, in the transaction that holds the occasion's row; -1 when the brand
 * has no unfinished occasion another replica is not already working on.
 */
async function greetNextBatch(
  deps: GreetingDeps,
  brandId: string,
  today: string,
  batchSize: number,
) {
  return deps.db.transaction(async (trx) => {
    const claimed = await occasions.claimUnfinished(trx, brandId);
    if (!claimed) return -1;
    const now = deps.clock.nowFor(claimed.brandId);
    // A fan-out a stop interrupted past its day is closed: a holiday wish arrives on the day.
    if (claimed.localDate < today) {
      await occasions.progress(trx, claimed, { ...claimed, doneAt: now });
      return 0;
    }
    const page = await members.pageAfter(trx, claimed.brandId, claimed.cursor, batchSize);
    await appendToOutbox(
      trx,
      page.map((member) =>
        greetingRequest({
          brandId: claimed.brandId,
          storeId: member.homeStoreId,
          memberId: member.memberId,
          purpose: PURPOSE_OF_OCCASION[claimed.kind],
          template: GREETING_TEMPLATES[claimed.kind],
          variables: { occasion: claimed.name },
          dedupeKey: `greeting:${claimed.occasionKey}:${member.memberId}`,
          expiresAt: endOfLocalDay(claimed.localDate, deps.policy.timeZone),
          now,
        }),
      ),
    );
    await occasions.progress(trx, claimed, {
      cursor: page.at(-1)?.memberId ?? claimed.cursor,
      greeted: claimed.greeted + page.length,
      doneAt: page.length < batchSize ? now : null,
    });
    return page.length;
  });
}

/**
 * R5: holiday greetings (Gregorian and lunar) and season-change reminders on the solar terms,
 * to every member of the brand on the brand's local day, in batches whose cursor survives a
 * restart; each member's dedupe key makes a repeated batch harmless. Returns members greeted.
 */
export async function sendOccasionGreetings(deps: GreetingDeps, batchSize: number) {
  let greeted = 0;
  for (const brandId of await members.brands(deps.db)) {
    const now = deps.clock.nowFor(brandId);
    const today = localDay(now, deps.policy.timeZone);
    await deps.db.transaction(async (trx) => {
      for (const o of occasionsOn(today, deps.policy))
        await occasions.open(
          trx,
          { brandId, occasionKey: o.key, kind: o.kind, name: o.name, localDate: today },
          now,
        );
    });
    for (let batch = 0; batch >= 0 && greeted < batchSize;) {
      batch = await greetNextBatch(deps, brandId, today, batchSize);
      greeted += Math.max(batch, 0);
    }
  }
  return greeted;
}
