/**
 * The raw limit the purchase path is measured against: the same writes a recorded purchase makes
 * (purchase row, ledger entry, balance upsert, outbox row), done by plain pg clients in one
 * transaction each, on the same PostgreSQL, with no HTTP, no framework and no Kafka.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { timedLoop, type Timed } from './timed-loop';

const SCHEMA = `
  create table purchases (id uuid primary key, brand_id text not null, store_id text not null,
    receipt_number text not null, member_id uuid not null, amount_fen bigint not null,
    lines jsonb not null, purchased_at timestamptz not null, recorded_at timestamptz not null,
    unique (brand_id, store_id, receipt_number));
  create table points_accounts (member_id uuid primary key, brand_id text not null,
    balance bigint not null, updated_at timestamptz not null);
  create table points_ledger (id uuid primary key, member_id uuid not null, delta int not null,
    balance_after bigint not null, reason text not null, purchase_id uuid,
    created_at timestamptz not null);
  create table outbox (position bigserial primary key, event_id uuid not null unique,
    topic text not null, message_key text not null, event_type text not null,
    payload jsonb not null, created_at timestamptz not null default now(),
    published_at timestamptz);
`;

async function recordOne(client: pg.Client, memberId: string): Promise<void> {
  const purchaseId = randomUUID();
  const amountFen = 100_000;
  const points = Math.floor(amountFen / 1000);
  await client.query('begin');
  try {
    await client.query(
      `insert into purchases values ($1, 'raw', 'S1', $2, $3, $4, $5, now(), now())`,
      [purchaseId, randomUUID(), memberId, amountFen, JSON.stringify([{ sku: 'R', qty: 1 }])],
    );
    const { rows } = await client.query<{ balance: string }>(
      `insert into points_accounts values ($1, 'raw', $2, now())
       on conflict (member_id) do update set balance = points_accounts.balance + $2,
         updated_at = now()
       returning balance`,
      [memberId, points],
    );
    await client.query(`insert into points_ledger values ($1, $2, $3, $4, 'purchase', $5, now())`, [
      randomUUID(),
      memberId,
      points,
      rows[0]?.balance,
      purchaseId,
    ]);
    await client.query(
      `insert into outbox (event_id, topic, message_key, event_type, payload)
       values ($1, 'loyalty.events', $2, 'purchase.recorded', $3)`,
      [randomUUID(), memberId, JSON.stringify({ purchaseId, memberId, amountFen, points })],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/** Runs the purchase transaction from `clients` connections for `seconds` on a scratch database. */
export async function measureRawPurchaseTransaction(options: {
  postgresAdminUrl: string;
  clients: number;
  seconds: number;
  members: number;
}): Promise<Timed> {
  const database = `bench_raw_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: options.postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(options.postgresAdminUrl);
  url.pathname = `/${database}`;
  const clients = Array.from(
    { length: options.clients },
    () => new pg.Client({ connectionString: url.toString() }),
  );
  try {
    await Promise.all(clients.map((c) => c.connect()));
    await clients[0]?.query(SCHEMA);
    const memberIds = Array.from({ length: options.members }, () => randomUUID());
    let next = 0;
    return await timedLoop(clients, options.seconds, (client) =>
      recordOne(client, memberIds[next++ % memberIds.length] as string),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}
