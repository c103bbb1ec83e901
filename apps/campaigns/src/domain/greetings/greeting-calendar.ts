import { LunarDay, LunarFestival, LunarMonth, SolarDay, SolarFestival, SolarTerm } from 'tyme4ts';

/**
 * R5's calendar: birthdays (solar or lunar, as the member celebrates), Gregorian and lunar
 * holidays and the solar terms that open each season. Every lunar date and solar term comes from
 * tyme4ts; dates here are a member's or brand's local calendar days as `YYYY-MM-DD`.
 */
export type BirthdayCalendar = 'solar' | 'lunar';

export interface CalendarDay {
  /** Stable name a brand's greeting programme refers to, e.g. `中秋节`, `立冬`, `母亲节`. */
  key: string;
  date: string;
}

const iso = (day: SolarDay): string =>
  `${day.getYear()}-${String(day.getMonth()).padStart(2, '0')}-${String(day.getDay()).padStart(2, '0')}`;

const solarDayOf = (date: string): SolarDay => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return SolarDay.fromYmd(year, month, day);
};

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * A solar birthday in `year`. Policy: a member born on 29 February is greeted on 28 February in
 * a common year (the day still inside their birth month).
 */
function solarBirthdayIn(birthday: string, year: number): string {
  const [, month, day] = birthday.split('-').map(Number) as [number, number, number];
  const shifted = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return iso(SolarDay.fromYmd(year, month, shifted));
}

/**
 * A lunar birthday in lunar year `lunarYear`. Policies: a member born in a leap month is greeted
 * in the ordinary month of the same number (leap months come only every few years); one born on
 * the 30th is greeted on the month's last day when that month has only 29 days.
 */
function lunarBirthdayIn(birthday: string, lunarYear: number): string {
  const born = solarDayOf(birthday).getLunarDay();
  const month = Math.abs(born.getLunarMonth().getMonthWithLeap());
  const days = LunarMonth.fromYm(lunarYear, month).getDayCount();
  return iso(LunarDay.fromYmd(lunarYear, month, Math.min(born.getDay(), days)).getSolarDay());
}

/** The first birthday on or after `onOrAfter`, on the calendar the member celebrates. */
export function nextBirthday(
  birthday: string,
  calendar: BirthdayCalendar,
  onOrAfter: string,
): string {
  const year = Number(onOrAfter.slice(0, 4));
  const candidates =
    calendar === 'solar'
      ? [year, year + 1].map((y) => solarBirthdayIn(birthday, y))
      : [year - 1, year, year + 1].map((y) => lunarBirthdayIn(birthday, y));
  return candidates.find((date) => date >= onOrAfter) as string;
}

/** Days a jewelry brand greets on that are neither official nor lunar festivals. */
function commercialDays(year: number): CalendarDay[] {
  const nthSunday = (month: number, n: number) => {
    const first = SolarDay.fromYmd(year, month, 1);
    const toSunday = (7 - first.getWeek().getIndex()) % 7;
    return iso(first.next(toSunday + 7 * (n - 1)));
  };
  return [
    { key: '情人节', date: `${year}-02-14` },
    { key: '520', date: `${year}-05-20` },
    { key: '母亲节', date: nthSunday(5, 2) },
    { key: '父亲节', date: nthSunday(6, 3) },
    { key: '圣诞节', date: `${year}-12-25` },
  ];
}

function festivalsOf<F extends { getName(): string }>(
  year: number,
  fromIndex: (year: number, index: number) => F | null,
  dateOf: (festival: F) => SolarDay,
): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let index = 0, f = fromIndex(year, 0); f; f = fromIndex(year, ++index)) {
    days.push({ key: f.getName(), date: iso(dateOf(f)) });
  }
  return days;
}

const byDate = (a: CalendarDay, b: CalendarDay) =>
  a.date.localeCompare(b.date) || a.key.localeCompare(b.key);

/** Gregorian, lunar and commercial holidays falling within [from, to], in date order. */
export function holidaysBetween(from: string, to: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(to.slice(0, 4)); year++) {
    days.push(
      ...festivalsOf(
        year,
        (y, i) => SolarFestival.fromIndex(y, i),
        (f) => f.getDay(),
      ),
      ...festivalsOf(
        year,
        (y, i) => LunarFestival.fromIndex(y, i),
        (f) => f.getDay().getSolarDay(),
      ),
      ...commercialDays(year),
    );
  }
  return days.filter((d) => d.date >= from && d.date <= to).sort(byDate);
}

/** The solar terms that open the seasons: 立春, 立夏, 立秋, 立冬. */
export const SEASON_STARTS = ['立春', '立夏', '立秋', '立冬'] as const;

/** Solar terms named in `terms` (default: the four season starts) within [from, to]. */
export function solarTermsBetween(
  from: string,
  to: string,
  terms: readonly string[] = SEASON_STARTS,
): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)) + 1; year++) {
    for (const name of terms) {
      const date = iso(SolarTerm.fromName(year, name).getJulianDay().getSolarDay());
      days.push({ key: name, date });
    }
  }
  return days.filter((d) => d.date >= from && d.date <= to).sort(byDate);
}
