import { DateTime } from 'luxon';
import type { ProgrammeDefinition, TierDefinition } from './programme-definition';

/**
 * R3: tiers are earned by spend (or purchase count) over a window of twelve months, aligned
 * per brand: rolling (the last 12 months), calendar year, or membership year (from the
 * member's joining anniversary). A member goes up at once when a purchase crosses a
 * threshold; at the end of the period held, plus the grace days, the tier is reviewed on the
 * spend of the 12 months ending then (purchases in the grace days count) and may go down.
 */
type Window = ProgrammeDefinition['qualification']['window'];

const zoned = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });

/** Where the window that counts for an upgrade at `at` starts. */
export function upgradeWindowStart(
  window: Window,
  at: Date,
  registeredAt: Date,
  zone: string,
): Date {
  const local = zoned(at, zone);
  if (window === 'calendar-year') return local.startOf('year').toJSDate();
  if (window === 'rolling-12-months') return local.minus({ months: 12 }).toJSDate();
  return lastAnniversary(local, zoned(registeredAt, zone)).toJSDate();
}

/** The end of the period that `at` falls in: the moment a tier held at `at` is reviewed. */
export function periodEnd(window: Window, at: Date, registeredAt: Date, zone: string): Date {
  const local = zoned(at, zone);
  if (window === 'calendar-year') return local.startOf('year').plus({ years: 1 }).toJSDate();
  if (window === 'rolling-12-months') return local.plus({ months: 12 }).toJSDate();
  return lastAnniversary(local, zoned(registeredAt, zone)).plus({ years: 1 }).toJSDate();
}

function lastAnniversary(local: DateTime, joined: DateTime): DateTime {
  const joinedDay = joined.startOf('day');
  let anniversary = joinedDay.set({ year: local.year });
  if (anniversary > local) anniversary = anniversary.minus({ years: 1 });
  return anniversary < joinedDay ? joinedDay : anniversary;
}

/**
 * The spend a review of a period ending at `periodEndAt` looks at: a calendar or membership
 * year plus the grace days that follow it; for a rolling window, the 12 months before the
 * review itself (so the purchase that won the tier no longer counts a year later).
 */
export function reviewWindow(window: Window, periodEndAt: Date, graceDays: number, zone: string) {
  const end = zoned(periodEndAt, zone);
  const to = end.plus({ days: graceDays });
  const from =
    window === 'rolling-12-months' ? to.minus({ months: 12 }) : end.minus({ months: 12 });
  return { from: from.toJSDate(), to: to.toJSDate() };
}

/** The highest tier whose threshold `progress` reaches, or null under the lowest. */
export function tierReachedBy(tiers: TierDefinition[], progress: number): TierDefinition | null {
  let reached: TierDefinition | null = null;
  for (const tier of tiers) if (progress >= tier.threshold) reached = tier;
  return reached;
}

export const tierRank = (tiers: TierDefinition[], code: string | null) =>
  code === null ? -1 : tiers.findIndex((t) => t.code === code);

/** The tier a member without a tier record holds: the lowest, when it asks nothing. */
export const entryTier = (tiers: TierDefinition[]) =>
  tiers[0] && tiers[0].threshold === 0 ? tiers[0] : null;
