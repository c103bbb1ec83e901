import knex, { type Knex } from 'knex';
import pg from 'pg';

// Calendar dates (birthdays, anniversaries) stay 'YYYY-MM-DD' strings, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Database = Knex;
export type Transaction = Knex.Transaction;
/** Repositories accept either, so a use case can pass its transaction or the pool. */
export type Queryable = Knex | Knex.Transaction;

export function createDatabase(url: string, poolMax = 10): Database {
  return knex({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 10_000,
  });
}

export async function checkDatabase(db: Database): Promise<void> {
  await db.raw('select 1');
}
