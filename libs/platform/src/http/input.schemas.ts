import { Type, type TProperties } from 'typebox';
import { EARLIEST_YEAR, LATEST_YEAR } from './input-formats';

/**
 * The building blocks of every request schema. Each one bounds its value and refuses what
 * PostgreSQL or a person could not use (control characters, blanks, impossible dates), so a
 * route built from them answers 400 naming the field instead of failing later.
 */

// A type alias, not an interface, so it stays assignable to TypeBox's open option types.
type Described = { description?: string };

export const DEFAULT_TEXT_MAX_LENGTH = 200;

/** Free text a person typed (names, notes): bounded, no control characters, not only blanks. */
export const Text = (options: Described & { maxLength?: number; minLength?: number } = {}) =>
  Type.String({
    minLength: 1,
    maxLength: DEFAULT_TEXT_MAX_LENGTH,
    ...options,
    format: 'text',
    pattern: '\\S',
  });

/** A code another system gave (store id, receipt number, SKU, key): visible ASCII, no spaces. */
export const Identifier = (options: Described & { maxLength?: number; minLength?: number } = {}) =>
  Type.String({ minLength: 1, maxLength: 64, ...options, format: 'identifier' });

export const Mobile = (options: Described = {}) =>
  Type.String({
    description: 'Mainland China mobile number, 11 digits',
    ...options,
    format: 'mobile-cn',
  });

/** A member's mobile: mainland (11 digits, no +86) or E.164 for any other country. */
export const AnyMobile = (options: Described = {}) =>
  Type.String({
    description: 'Mainland China mobile of 11 digits, or E.164 (+country code) for other countries',
    maxLength: 16,
    ...options,
    format: 'mobile',
  });

export const Email = (options: Described = {}) =>
  Type.String({ maxLength: 254, ...options, format: 'email' });

/** A mainland resident identity card number (GB 11643), checked by its check character. */
export const CnIdNumber = (options: Described = {}) =>
  Type.String({
    description: '18 characters, the last a GB 11643 check character (digit or X)',
    maxLength: 18,
    ...options,
    format: 'cn-id-number',
  });

/** Every number has bounds: there is no default, the caller states them. */
export const Integer = (options: Described & { minimum: number; maximum: number }) =>
  Type.Integer(options);

/** The largest amount a single value may carry: 1,000,000,000 yuan. */
export const MAX_MONEY_FEN = 100_000_000_000;

/** Money in integer fen (1 yuan = 100 fen), never negative unless a route says so. */
export const Money = (options: Described & { minimum?: number; maximum?: number } = {}) =>
  Type.Integer({
    minimum: 0,
    maximum: MAX_MONEY_FEN,
    ...options,
    description: options.description ?? 'In fen (1 yuan = 100 fen)',
  });

export const DateOnly = (options: Described = {}) =>
  Type.String({
    description: `YYYY-MM-DD, ${EARLIEST_YEAR} to ${LATEST_YEAR}`,
    ...options,
    format: 'date',
  });

export const Timestamp = (options: Described = {}) =>
  Type.String({
    description: `RFC 3339, ${EARLIEST_YEAR} to ${LATEST_YEAR}`,
    ...options,
    format: 'date-time',
    maxLength: 40,
  });

/** A UUID in its plain form (no `urn:uuid:` prefix, which PostgreSQL refuses). */
export const Uuid = (options: Described = {}) =>
  Type.String({ ...options, format: 'uuid', maxLength: 36 });

export const MAX_PAGE_SIZE = 100;

export const Limit = () =>
  Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Page size, default 20' });

/**
 * A request body or query: properties the route does not know are refused, not ignored.
 * `$id` names it in the OpenAPI document.
 */
export const Closed = <T extends TProperties>(
  properties: T,
  options: Described & { $id?: string } = {},
) => Type.Object(properties, { ...options, additionalProperties: false });
