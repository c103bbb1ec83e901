import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Database, type ScheduledJob } from '@laoke/platform';
import { tiersRepository as tiers, type MemberTier } from '../../data/tiers.repository';
import { programmeInForce } from './programme.use-case';
import { projectedFacts } from './programme-member';
import { metricOf, reviewAtFor } from './tier-progress';
import { entryTier, periodEnd, reviewWindow, tierRank, tierReachedBy } from './tier-rules';

const BATCH = 100;

/**
 * R3: at the end of the period a tier was held for (plus the grace days), the member keeps the
 * tier their spend in those 12 months reaches, and goes down otherwise (tier.changed). Each
 * brand is reviewed at its own clock's now. Rows are claimed with SKIP LOCKED, so several
 * replicas share the work and a member is never reviewed twice.
 */
export function tierReviewJob(deps: {
  db: Database;
  clock: BrandClock;
  intervalMs: number;
}): ScheduledJob {
  return {
    name: 'tier-review',
    intervalMs: deps.intervalMs,
    batchSize: BATCH,
    run: async () => {
      let reviewed = 0;
      const brands = await deps.db('member_tiers').distinct<{ brand_id: string }[]>('brand_id');
      for (const { brand_id: brandId } of brands) reviewed += await reviewBrand(deps, brandId);
      return reviewed;
    },
  };
}

async function reviewBrand(deps: { db: Database; clock: BrandClock }, brandId: string) {
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    const due = await tiers.claimDue(trx, brandId, now, BATCH);
    const programme = await programmeInForce(trx, brandId, now);
    const definition = programme.definition;
    for (const held of due) {
      const facts = await projectedFacts(trx, brandId, held.memberId, held.since);
      const { from, to } = reviewWindow(
        definition.qualification.window,
        held.periodEnd,
        definition.qualification.downgradeGraceDays,
        definition.timeZone,
      );
      const progress = metricOf(
        definition,
        await tiers.progress(trx, brandId, held.memberId, from, to),
      );
      const reached = tierReachedBy(definition.tiers, progress);
      const keeps = reached?.code ?? null;
      const nextEnd = periodEnd(
        definition.qualification.window,
        held.periodEnd,
        facts.registeredAt,
        definition.timeZone,
      );
      const next: MemberTier = {
        ...held,
        tierCode: keeps,
        periodEnd: nextEnd,
        reviewAt: reviewAtFor(definition, nextEnd),
      };
      if (keeps === held.tierCode) {
        await tiers.save(trx, next, now);
        continue;
      }
      await tiers.save(trx, { ...next, since: now }, now);
      const direction: 'up' | 'down' =
        tierRank(definition.tiers, keeps) > tierRank(definition.tiers, held.tierCode)
          ? 'up'
          : 'down';
      await appendToOutbox(trx, [
        createEvent({
          type: 'tier.changed',
          brandId,
          memberId: held.memberId,
          occurredAt: now,
          data: {
            memberId: held.memberId,
            fromTier: held.tierCode,
            toTier: keeps,
            direction,
            reason: 'review' as const,
            progress,
            programmeVersion: programme.version,
            reviewAt:
              keeps === entryTier(definition.tiers)?.code || keeps === null
                ? null
                : next.reviewAt.toISOString(),
            changedAt: now.toISOString(),
          },
        }),
      ]);
    }
    return due.length;
  });
}
