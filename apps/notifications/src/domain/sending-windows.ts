import { DateTime, IANAZone } from 'luxon';
import type { SendingWindow } from './notification-policy';

const minutesOf = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

export const isTimeZone = (zone: string) => IANAZone.isValidZone(zone);

/**
 * The first instant at or after `at` inside the window, in `timeZone` (quiet hours defer, never
 * drop: R5 "never at 2 a.m."). A window whose `to` is before its `from` runs over midnight.
 */
export function nextAllowedTime(at: Date, window: SendingWindow | undefined, timeZone: string) {
  if (!window) return at;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const now = local.hour * 60 + local.minute;
  const inside = from <= to ? now >= from && now < to : now >= from || now < to;
  if (inside) return at;
  const opening = local.startOf('day').plus({ minutes: from });
  return (opening > local ? opening : opening.plus({ days: 1 })).toJSDate();
}

/** The local day `at` falls on, as [start, end) instants. */
export function localDay(at: Date, timeZone: string): { start: Date; end: Date } {
  const start = DateTime.fromJSDate(at, { zone: timeZone }).startOf('day');
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}
