import { DateTime } from 'luxon';
import type { ProgrammeDefinition, PromotionDefinition } from './programme-definition';

/** What a promotion's conditions are checked against, all of it known at the counter. */
export interface PromotionContext {
  /** The purchase's moment in the programme's time zone. */
  local: DateTime;
  storeId: string;
  tierCode: string | null;
  /** `YYYY-MM-DD`, when the member gave one. */
  birthday: string | null;
  /** This member's place among the store's paying members of the local day, 1 for the first. */
  storeDayRank: number | null;
}

export const localTime = (at: Date, timeZone: string) =>
  DateTime.fromJSDate(at, { zone: timeZone });

const monthDay = (local: DateTime) => local.toFormat('MM-dd');

const inSeason = (md: string, season: { from: string; to: string }) =>
  season.from <= season.to
    ? md >= season.from && md <= season.to
    : md >= season.from || md <= season.to;

/** A 29 February birthday is celebrated on the 28th in other years. */
export function isBirthday(birthday: string, local: DateTime): boolean {
  const md = birthday.slice(5);
  if (md === '02-29' && !local.isInLeapYear) return monthDay(local) === '02-28';
  return monthDay(local) === md;
}

/**
 * Why a promotion does not apply to this purchase (R4), or undefined when every condition holds.
 * Conditions combine with AND; an absent condition always holds. Line conditions (category,
 * on-sale) are checked per line by the earn calculation.
 */
export function whyPromotionDoesNotApply(
  programme: ProgrammeDefinition,
  promotion: PromotionDefinition,
  context: PromotionContext,
): string | undefined {
  const { local } = context;
  const today = local.toISODate() ?? '';
  const c = promotion.conditions;
  if (promotion.validFrom && today < promotion.validFrom) return `starts on ${promotion.validFrom}`;
  if (promotion.validTo && today > promotion.validTo) return `ended on ${promotion.validTo}`;
  if (c.weekdays && !c.weekdays.includes(local.weekday))
    return `runs on weekdays ${c.weekdays.join(',')} only (ISO, Monday = 1)`;
  if (c.seasons && !c.seasons.some((s) => inSeason(monthDay(local), s)))
    return `runs in ${c.seasons.map((s) => `${s.from}..${s.to}`).join(', ')} only`;
  if (c.birthday === 'day' && !(context.birthday && isBirthday(context.birthday, local)))
    return "runs on the member's birthday only";
  if (
    c.birthday === 'month' &&
    !(context.birthday && context.birthday.slice(5, 7) === local.toFormat('MM'))
  )
    return "runs in the member's birthday month only";
  if (c.memberDay && local.day !== programme.memberDay?.dayOfMonth)
    return 'runs on the monthly member day only';
  if (
    c.firstPayingMembers &&
    (context.storeDayRank === null || context.storeDayRank > c.firstPayingMembers)
  )
    return `for the first ${c.firstPayingMembers} paying members of the store's day only`;
  if (c.tiers && !(context.tierCode && c.tiers.includes(context.tierCode)))
    return `for tiers ${c.tiers.join(',')} only`;
  if (c.stores && !c.stores.includes(context.storeId)) return 'not run in this store';
  if (c.regions) {
    const regions = programme.regions.filter((r) => c.regions?.includes(r.regionId));
    if (!regions.some((r) => r.storeIds.includes(context.storeId))) return 'not run in this region';
  }
  return undefined;
}
