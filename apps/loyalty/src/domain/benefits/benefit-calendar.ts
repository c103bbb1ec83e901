import type { DateTime } from 'luxon';

/**
 * The periods benefits are held in (R4), in the programme's time zone: a birthday gift once a
 * year, a free gift once a quarter, the member-day discount once a month.
 */
export const birthdayGiftPeriod = (local: DateTime) => String(local.year);

export const quarterPeriod = (local: DateTime) => `${local.year}-Q${local.quarter}`;

export const monthPeriod = (local: DateTime) => local.toFormat('yyyy-MM');

/** The member day of this month if it is today or later, else next month's (`YYYY-MM-DD`). */
export function nextMemberDay(local: DateTime, dayOfMonth: number): string {
  const thisMonth = local.startOf('day').set({ day: dayOfMonth });
  const next = thisMonth < local.startOf('day') ? thisMonth.plus({ months: 1 }) : thisMonth;
  return next.toISODate() ?? '';
}
