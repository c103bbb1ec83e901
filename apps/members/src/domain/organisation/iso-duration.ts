/**
 * How far a sandbox clock is advanced: a number of seconds, or an ISO-8601 duration of fixed
 * length (weeks, days, hours, minutes, seconds: `P3D`, `PT36H`, `P1W2DT4H30M`). Years and months
 * have no fixed length, so they are refused rather than guessed.
 */
const DURATION =
  /^(-)?P(?!$)(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?=\d)(?:(\d{1,8})H)?(?:(\d{1,10})M)?(?:(\d{1,12})S)?)?$/;

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Milliseconds, negative for a negative duration; undefined when it is not one we accept. */
export function durationMs(by: number | string): number | undefined {
  if (typeof by === 'number') return by * SECOND_MS;
  const match = DURATION.exec(by);
  if (!match) return undefined;
  const [, sign, weeks, days, hours, minutes, seconds] = match;
  const n = (part: string | undefined) => Number(part ?? '0');
  const ms =
    n(weeks) * 7 * DAY_MS +
    n(days) * DAY_MS +
    n(hours) * HOUR_MS +
    n(minutes) * MINUTE_MS +
    n(seconds) * SECOND_MS;
  return sign ? -ms : ms;
}
