import type { NotificationPurpose } from '@laoke/contracts';
import { DateTime } from 'luxon';
import { holidaysBetween, solarTermsBetween } from './greeting-calendar';

/** R5: which days a brand greets on, and the zone a member without one of their own lives in. */
export interface GreetingPolicy {
  timeZone: string;
  /** Holiday names as the calendar gives them (春节, 中秋节, 七夕节 …). */
  holidays: readonly string[];
  /** Solar terms that bring a season-change reminder (立春, 立夏, 立秋, 立冬). */
  seasonTerms: readonly string[];
}

export const DEFAULT_GREETING_HOLIDAYS = [
  '元旦',
  '春节',
  '元宵节',
  '端午节',
  '七夕节',
  '中秋节',
  '重阳节',
] as const;

export type OccasionKind = 'holiday' | 'season';

export interface Occasion {
  kind: OccasionKind;
  name: string;
  /** One fan-out per brand and key, however often the day's scan runs. */
  key: string;
}

export const GREETING_TEMPLATES = {
  birthday: 'greeting.birthday',
  holiday: 'greeting.holiday',
  season: 'greeting.season',
} as const satisfies Record<string, string>;

export const PURPOSE_OF_OCCASION: Record<OccasionKind, NotificationPurpose> = {
  holiday: 'holiday',
  season: 'season',
};

/** A birthday greeting may still go out this many days late (a scan that missed midnight). */
export const BIRTHDAY_LATE_DAYS = 1;

/** The easternmost zone: no member anywhere is already past its calendar day. */
export const EARLIEST_ZONE = 'Pacific/Kiritimati';

export const localDay = (at: Date, zone: string): string =>
  DateTime.fromJSDate(at, { zone }).toISODate() as string;

export const dayAfter = (day: string): string =>
  DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: 1 }).toISODate() as string;

/** A greeting is about its day: one that cannot be sent by the day's end is dropped, not sent late. */
export const endOfLocalDay = (day: string, zone: string): Date =>
  DateTime.fromISO(day, { zone }).endOf('day').toJSDate();

const daysBetween = (from: string, to: string) =>
  DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days;

/** What today means for a member whose next birthday is `nextOn`. */
export function birthdayDecision(nextOn: string, today: string): 'wait' | 'greet' | 'missed' {
  if (nextOn > today) return 'wait';
  return daysBetween(nextOn, today) <= BIRTHDAY_LATE_DAYS ? 'greet' : 'missed';
}

/** The holidays and season starts the brand greets on `day`. */
export function occasionsOn(day: string, policy: GreetingPolicy): Occasion[] {
  const holidays = holidaysBetween(day, day)
    .filter((h) => policy.holidays.includes(h.key))
    .map((h) => ({ kind: 'holiday' as const, name: h.key }));
  const seasons = solarTermsBetween(day, day, policy.seasonTerms).map((t) => ({
    kind: 'season' as const,
    name: t.key,
  }));
  return [...holidays, ...seasons].map((o) => ({ ...o, key: `${o.kind}:${o.name}:${day}` }));
}
