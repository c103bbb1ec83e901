/**
 * The raw limit the member import is measured against: the same rows written by one plain pg
 * client as multi-row inserts of a chunk's size, into a table of the members' columns, on the
 * same PostgreSQL, with no validation, encryption, events or HTTP.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const SCHEMA = `
  create table members (id uuid primary key, brand_id text not null, name text not null,
    mobile text not null, birthday date, home_store_id text not null, gender text,
    email text, tags jsonb not null, registered_at timestamptz not null,
    unique (brand_id, mobile));
`;

export interface RawRow {
  name: string;
  mobile: string;
  birthday: string;
  homeStoreId: string;
  gender: string;
  email: string;
  tags: string[];
}

/** Inserts `rows` in statements of `chunkRows`; returns the seconds it took. */
export async function measureRawMemberInsert(options: {
  postgresAdminUrl: string;
  rows: RawRow[];
  chunkRows: number;
}): Promise<number> {
  const database = `bench_raw_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: options.postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(options.postgresAdminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    await client.query(SCHEMA);
    const started = performance.now();
    for (let start = 0; start < options.rows.length; start += options.chunkRows) {
      const chunk = options.rows.slice(start, start + options.chunkRows);
      const values: unknown[] = [];
      const tuples = chunk.map((row, i) => {
        values.push(randomUUID(), row.name, row.mobile, row.birthday, row.homeStoreId);
        values.push(row.gender, row.email, JSON.stringify(row.tags));
        const p = (k: number) => `$${i * 8 + k}`;
        return `(${p(1)}, 'raw', ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, now())`;
      });
      await client.query(`insert into members values ${tuples.join(', ')}`, values);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await client.end().catch(() => undefined);
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}
