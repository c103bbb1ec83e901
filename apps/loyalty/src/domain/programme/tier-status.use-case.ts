import { DomainError, type BrandClock, type Database } from '@laoke/platform';
import type { MembersClient } from '../../clients/members.client';
import { tiersRepository as tiers } from '../../data/tiers.repository';
import { programmeMemberFacts } from './programme-member';
import { programmeInForce } from './programme.use-case';
import { metricOf } from './tier-progress';
import { entryTier, periodEnd, reviewWindow, tierRank, upgradeWindowStart } from './tier-rules';

export interface TierStatusDeps {
  db: Database;
  members: MembersClient;
  clock: BrandClock;
}

const tierView = (tier: {
  code: string;
  name: string;
  discountBp: number;
  pointsMultiplierBp: number;
  benefits: string[];
}) => ({
  code: tier.code,
  name: tier.name,
  discountBp: tier.discountBp,
  pointsMultiplierBp: tier.pointsMultiplierBp,
  benefits: tier.benefits,
});

/**
 * R3, what a member is told: the tier held, what they must still spend (or buy) to keep it
 * and by when, and what to reach the next tier and by when (a rolling window has no deadline:
 * any 12 months count).
 */
export async function tierStatus(
  deps: TierStatusDeps,
  query: { brandId: string; memberId: string; requestId: string },
) {
  const facts = await programmeMemberFacts(deps, query, false);
  if (!facts)
    throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
      kind: 'not-found',
      field: 'memberId',
    });
  const now = deps.clock.nowFor(query.brandId);
  const programme = await programmeInForce(deps.db, query.brandId, now);
  const definition = programme.definition;
  const { window, metric } = definition.qualification;
  const list = definition.tiers;
  const held = await tiers.find(deps.db, query.brandId, query.memberId);
  const heldCode = held ? held.tierCode : (entryTier(list)?.code ?? null);
  const current = list.find((t) => t.code === heldCode) ?? null;
  const until = new Date(now.getTime() + 1);
  const progressIn = async (from: Date) =>
    metricOf(definition, await tiers.progress(deps.db, query.brandId, query.memberId, from, until));
  const progress = await progressIn(
    upgradeWindowStart(window, now, facts.registeredAt, definition.timeZone),
  );

  let keep = null;
  if (held && current && current.threshold > 0) {
    const counted = await progressIn(
      reviewWindow(
        window,
        held.periodEnd,
        definition.qualification.downgradeGraceDays,
        definition.timeZone,
      ).from,
    );
    keep = {
      tier: current.code,
      required: current.threshold,
      progress: counted,
      remaining: Math.max(current.threshold - counted, 0),
      by: held.reviewAt.toISOString(),
    };
  }
  const above = list[tierRank(list, heldCode) + 1];
  const next = above && {
    tier: above.code,
    required: above.threshold,
    progress,
    remaining: Math.max(above.threshold - progress, 0),
    by:
      window === 'rolling-12-months'
        ? null
        : periodEnd(window, now, facts.registeredAt, definition.timeZone).toISOString(),
  };
  return {
    memberId: query.memberId,
    programmeVersion: programme.version,
    metric,
    window,
    tier: current && tierView(current),
    since: held && current ? held.since.toISOString() : null,
    progress,
    keep,
    next: next ?? null,
  };
}
