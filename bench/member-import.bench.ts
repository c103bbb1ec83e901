/**
 * `npm run bench:import`: imports BENCH_IMPORT_ROWS (100,000) generated members, 1% of them bad,
 * through the gateway into a throw-away stack (PostgreSQL and Kafka as for the tests), and prints
 * rows/s from upload to the job's completion and until every event reached Kafka. In the same
 * run, a plain pg client inserts the same good rows as multi-row inserts; the ratio of the two
 * rates is what validation, encryption, upsert and events cost. Loopback only; bounded in time.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startStack } from '@laoke/devstack';
import { measureRawMemberInsert, type RawRow } from './raw-member-insert';

const ROWS = Number(process.env['BENCH_IMPORT_ROWS'] ?? '100000');
const TIMEOUT_MS = 15 * 60_000;
const apiKey = `bench-${randomUUID()}`;
const print = (line: string) => process.stdout.write(`${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Row i of the file; every hundredth has a mobile of four digits. */
function aRow(i: number): RawRow & { bad: boolean } {
  const bad = (i + 1) % 100 === 0;
  return {
    bad,
    name: `会员${i + 1}`,
    mobile: bad ? '1234' : `139${String(i).padStart(8, '0')}`,
    birthday: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
    homeStoreId: 'SH-001',
    gender: i % 2 ? 'female' : 'male',
    email: `member${i}@example.com`,
    tags: ['老客', i % 3 ? '婚庆' : '高净值'],
  };
}

interface ImportJob {
  id: string;
  status: string;
  counts: Record<string, number>;
}

const stack = await startStack({ mode: 'test', log: () => {}, apiKey, brandId: 'bench-brand' });
try {
  const call = async (method: string, path: string, body?: string, type = 'application/json') => {
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, ...(body !== undefined && { 'content-type': type }) },
      body,
    });
    if (response.status >= 300)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as ImportJob;
  };
  await call(
    'POST',
    '/v1/stores',
    JSON.stringify({ code: 'SH-001', name: '上海南京东路店', ownership: 'head-office' }),
  );

  const rows = Array.from({ length: ROWS }, (_, i) => aRow(i));
  const csv = [
    'name,mobile,birthday,homeStoreId,gender,email,tags',
    ...rows.map((r) =>
      [r.name, r.mobile, r.birthday, r.homeStoreId, r.gender, r.email, r.tags.join('|')].join(','),
    ),
  ].join('\n');

  const started = performance.now();
  const job = await call('POST', '/v1/member-imports', csv, 'text/csv');
  const staged = performance.now();
  let status = job;
  while (status.status !== 'completed' && performance.now() - started < TIMEOUT_MS) {
    await pause(200);
    status = await call('GET', `/v1/member-imports/${job.id}`);
  }
  const completed = performance.now();

  const membersDb = new URL(stack.postgresAdminUrl);
  membersDb.pathname = `/${stack.databases.members}`;
  const db = new pg.Client({ connectionString: membersDb.toString() });
  await db.connect();
  const unpublished = async () =>
    Number(
      (await db.query<{ n: string }>('select count(*) as n from outbox where published_at is null'))
        .rows[0]?.n,
    );
  while ((await unpublished()) > 0 && performance.now() - started < TIMEOUT_MS) await pause(200);
  const published = performance.now();
  await db.end();

  const rawSeconds = await measureRawMemberInsert({
    postgresAdminUrl: stack.postgresAdminUrl,
    rows: rows.filter((r) => !r.bad),
    chunkRows: 1000,
  });

  const seconds = (from: number, to: number) => (to - from) / 1000;
  const rate = (s: number) => `${(ROWS / s).toFixed(0).padStart(8)} rows/s  (${s.toFixed(1)} s)`;
  const importSeconds = seconds(started, completed);
  const good = rows.filter((r) => !r.bad).length;
  print(`\nmember import on 127.0.0.1: ${ROWS} CSV rows, ${ROWS - good} bad, through the gateway`);
  print(`${'upload and staging (202)'.padEnd(34)} ${rate(seconds(started, staged))}`);
  print(`${'import to completed'.padEnd(34)} ${rate(importSeconds)}`);
  print(`${'import to every event on Kafka'.padEnd(34)} ${rate(seconds(started, published))}`);
  print(
    `${'raw pg multi-row insert'.padEnd(34)} ${(good / rawSeconds).toFixed(0).padStart(8)} rows/s  (${rawSeconds.toFixed(1)} s)`,
  );
  print(`${'import / raw'.padEnd(34)} ${(ROWS / importSeconds / (good / rawSeconds)).toFixed(3)}`);
  print(`${'counts'.padEnd(34)} ${JSON.stringify(status.counts)}`);
} finally {
  await stack.stop();
}
