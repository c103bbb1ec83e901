import { Type, type TSchema } from 'typebox';
import { INPUT_FORMATS } from './input-formats';
import { Closed, Identifier, Limit } from './input.schemas';
import { ProblemError } from './problem';

/** Lists are paged by an opaque cursor (keyset pagination), never by offset. */
export const PageQuery = Closed({
  limit: Type.Optional(Limit()),
  cursor: Type.Optional(
    Identifier({ maxLength: 200, description: 'nextCursor of the previous page' }),
  ),
});

/** A page of items; a page of named items is named after them (`Member` → `MemberPage`). */
export const pageOf = <T extends TSchema>(item: T) => {
  const name = (item as { $id?: string }).$id;
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], {
        description: 'null on the last page',
      }),
    },
    name ? { $id: `${name}Page` } : {},
  );
};

export const DEFAULT_PAGE_SIZE = 20;

/** Where a page starts: after the row with this sort key and id. */
export interface PagePosition {
  key: string;
  id: string;
}

/** What a repository needs to read one page: its size and where it starts. */
export interface PageRequest {
  limit: number;
  after?: PagePosition;
}

export const pageRequest = (query: { limit?: number; cursor?: string }): PageRequest => ({
  limit: query.limit ?? DEFAULT_PAGE_SIZE,
  after: decodeCursor(query.cursor),
});

const isFormat = (format: string, value: unknown) =>
  typeof value === 'string' && INPUT_FORMATS[format]?.check(value) === true;

/** A cursor is decoded and checked as a whole: a forged one never reaches the database. */
function decodeCursor(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as Partial<PagePosition>;
    if (isFormat('date-time', parsed.key) && isFormat('uuid', parsed.id))
      return { key: parsed.key as string, id: parsed.id as string };
  } catch {
    // falls through to the problem below
  }
  throw new ProblemError(400, 'INVALID_CURSOR', 'cursor is not one this API gave out', 'cursor');
}

const encodeCursor = (position: PagePosition) =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

/**
 * Turns the `limit + 1` rows a repository read into a response page: the extra row only tells
 * that another page exists; each item is presented as the API shows it.
 */
export function toPage<T, R>(
  rows: T[],
  limit: number,
  positionOf: (row: T) => PagePosition,
  present: (row: T) => R,
) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}
