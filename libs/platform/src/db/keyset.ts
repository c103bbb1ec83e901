import type { Knex } from 'knex';
import type { PageRequest } from '../http/pagination';

/**
 * Orders by (`keyColumn`, id) and reads one page after the cursor's position, plus one row that
 * tells whether another page follows. `keyColumn` is a timestamp; `id` a UUID.
 */
export function keysetPage<Q extends Knex.QueryBuilder>(
  query: Q,
  keyColumn: string,
  order: 'asc' | 'desc',
  page: PageRequest,
): Q {
  query.orderBy([
    { column: keyColumn, order },
    { column: 'id', order },
  ]);
  query.limit(page.limit + 1);
  if (page.after) {
    const comparison = order === 'asc' ? '>' : '<';
    query.whereRaw(`(??, id) ${comparison} (?::timestamptz, ?::uuid)`, [
      keyColumn,
      page.after.key,
      page.after.id,
    ]);
  }
  return query;
}
