import knex, { type Knex } from 'knex';
import pg from 'pg';

// Calendar dates (birthdays, anniversaries) stay 'YYYY-MM-DD' strings, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Database = Knex;
export type Transaction = Knex.Transaction;
/** Repositories accept either, so a use case can pass its transaction or the pool. */
export type Queryable = Knex | Knex.Transaction;

export interface DatabaseOptions {
  poolMax?: number;
  /** The largest event, serialized, the outbox of this database accepts (see appendToOutbox). */
  maxEventBytes?: number;
}

/** Well under the 1 MiB a Kafka broker accepts by default (`message.max.bytes`). */
export const DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  return knex({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 10_000,
    // Kept with the handle so every transaction of this database knows the limit.
    laokeOutbox: { maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES },
  } as Knex.Config);
}

/** The event size limit of the database a transaction belongs to. */
export function maxEventBytesOf(db: Queryable): number {
  const { config } = db.client as { config: { laokeOutbox?: { maxEventBytes: number } } };
  return config.laokeOutbox?.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
}

export async function checkDatabase(db: Database): Promise<void> {
  await db.raw('select 1');
}
