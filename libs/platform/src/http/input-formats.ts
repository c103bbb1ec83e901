import Format from 'typebox/format';

/**
 * The string formats every route validates with, each with the message a caller reads when a
 * value does not fit. `date`, `date-time` and `uuid` are stricter than the usual validators:
 * what they accept, PostgreSQL accepts too.
 */
interface InputFormat {
  check: (value: string) => boolean;
  message: string;
}

// Control characters (NUL included) and UTF-16 halves without their partner.
const UNSAFE_CHARACTER = /[\p{Cc}\p{Cs}]/u;
const IDENTIFIER = /^[\x21-\x7E]+$/;
const MOBILE_CN = /^1[3-9][0-9]{9}$/;
// E.164 for numbers outside the mainland; a mainland number is written without +86 so that one
// person has one form (the uniqueness of a mobile within a brand relies on it).
const MOBILE_ANY = /^(1[3-9][0-9]{9}|\+(?!86)[1-9][0-9]{6,14})$/;
const EMAIL = /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;
const CN_ID_NUMBER = /^[0-9]{17}[0-9X]$/;
const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_ID_CHECK = '10X98765432';

/** GB 11643: 18 characters, the last a check character over the first 17 (ISO 7064 MOD 11-2). */
export function isCnIdNumber(value: string): boolean {
  if (!CN_ID_NUMBER.test(value)) return false;
  const sum = CN_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  return CN_ID_CHECK[sum % 11] === value[17];
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2999;

function isCalendarDate(value: string): boolean {
  const parts = DATE.exec(value);
  if (!parts) return false;
  const [year, month, day] = parts.slice(1).map(Number) as [number, number, number];
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isTimestamp(value: string): boolean {
  const parts = DATE_TIME.exec(value);
  if (!parts || !isCalendarDate(parts[1] ?? '')) return false;
  const [hour, minute, second, offsetHour, offsetMinute] = [2, 3, 4, 7, 8].map((i) =>
    Number(parts[i] ?? 0),
  ) as [number, number, number, number, number];
  return hour < 24 && minute < 60 && second < 60 && offsetHour < 24 && offsetMinute < 60;
}

export const INPUT_FORMATS: Record<string, InputFormat> = {
  text: {
    check: (value) => !UNSAFE_CHARACTER.test(value),
    message: 'must not contain control characters or broken Unicode',
  },
  identifier: {
    check: (value) => IDENTIFIER.test(value),
    message: 'must be letters, digits or punctuation, without spaces',
  },
  'mobile-cn': {
    check: (value) => MOBILE_CN.test(value),
    message: 'must be a mainland China mobile number of 11 digits',
  },
  mobile: {
    check: (value) => MOBILE_ANY.test(value),
    message: 'must be a mainland China mobile number of 11 digits, or +country code and number',
  },
  email: {
    check: (value) => EMAIL.test(value),
    message: 'must be an e-mail address',
  },
  'cn-id-number': {
    check: isCnIdNumber,
    message: 'must be an 18-character national ID number with a valid check character',
  },
  uuid: { check: (value) => UUID.test(value), message: 'must be a UUID' },
  date: {
    check: isCalendarDate,
    message: `must be a calendar date YYYY-MM-DD between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
  },
  'date-time': {
    check: isTimestamp,
    message: `must be an RFC 3339 timestamp between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
  },
};

/** Registers the formats with TypeBox; run once per process before routes are compiled. */
export function registerInputFormats(): void {
  for (const [name, format] of Object.entries(INPUT_FORMATS)) Format.Set(name, format.check);
}

export const formatMessage = (format: unknown): string | undefined =>
  typeof format === 'string' ? INPUT_FORMATS[format]?.message : undefined;
