/**
 * `npm run bench:segments` (issue 9 item 11): BENCH_SEGMENT_MEMBERS (1,000,000) members generated
 * into the campaigns' member projection, one broadcast to all of them fanned out by the real
 * campaigns service into `notification.requested` on a real broker (through its outbox and relay);
 * printed: time and messages/s, and in the same run the raw kafkajs produce rate of the same count
 * of messages of the same size, and the ratio. Then BENCH_CADENCE_ROWS (10,000,000) scheduled
 * follow-up rows (generate_series) and the due-step query's time from EXPLAIN ANALYZE.
 * Uses POSTGRES_URL / KAFKA_BROKERS when set, else starts its own; loopback only; bounded by
 * BENCH_TIMEOUT_SECONDS (900); its database and topics are throw-away.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { allTopics } from '@laoke/contracts';
import {
  createDatabaseIfMissing,
  devstackKafka,
  dropDatabase,
  provideKafka,
  providePostgres,
} from '@laoke/devstack';
import { connectProducer, ensureTopics } from '@laoke/platform';
import { DateTime } from 'luxon';
import * as campaignsApp from '../apps/campaigns/src/app';

const MEMBERS = Number(process.env['BENCH_SEGMENT_MEMBERS'] ?? '1000000');
const CADENCE_ROWS = Number(process.env['BENCH_CADENCE_ROWS'] ?? '10000000');
const TIMEOUT_MS = Number(process.env['BENCH_TIMEOUT_SECONDS'] ?? '900') * 1000;
const PARTITIONS = 3;
const BRAND = 'bench-brand';
const print = (line: string) => process.stdout.write(`${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => (performance.now() - since) / 1000;
const rate = (count: number, s: number) => `${Math.round(count / s).toLocaleString('en')}/s`;
const run = join(process.cwd(), '.laoke', 'bench-segments');

const postgres = await providePostgres({
  dataDir: join(run, 'postgres'),
  persistent: false,
  log: print,
});
const kafka = await provideKafka({
  cacheDir: join(process.cwd(), '.laoke', 'cache'),
  runDir: join(run, 'kafka'),
  partitions: PARTITIONS,
  log: print,
});
const suffix = randomBytes(4).toString('hex');
const databaseName = `laoke_bench_segments_${suffix}`;
const prefix = `bench-${suffix}.`;

try {
  const databaseUrl = await createDatabaseIfMissing(postgres.adminUrl, databaseName);
  const brokers = devstackKafka(kafka.brokers);
  await ensureTopics(brokers, allTopics(prefix), PARTITIONS);
  const config = campaignsApp.loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SERVICE_NAME: 'campaigns',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafka.brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64'),
    MEMBERS_URL: 'http://127.0.0.1:9',
    OUTBOX_POLL_MS: '10',
    BROADCAST_RATE_PER_SECOND: '1000000',
    BROADCAST_BATCH_SIZE: '5000',
    BROADCAST_POLL_MS: '50',
  });
  const service = await (await campaignsApp.buildApp(campaignsApp.productionDeps(config))).start();
  const db = service.context.db;
  try {
    let t0 = performance.now();
    await db.raw(
      `insert into greeting_members (brand_id, member_id, home_store_id, birthday)
       select ?, gen_random_uuid(), 'SH-' || lpad((i % 200)::text, 3, '0'), date '1960-01-01' + (i % 15000)
       from generate_series(1, ?) i`,
      [BRAND, MEMBERS],
    );
    await db.raw(
      `insert into member_profiles (brand_id, member_id, tier, tags, spend_fen, purchase_count)
       select brand_id, member_id, (array['silver','gold','vip'])[1 + (random() * 2)::int],
         array['老客'], (random() * 5000000)::bigint, 1 + (random() * 9)::int
       from greeting_members where brand_id = ?`,
      [BRAND],
    );
    await db.raw('analyze');
    print(
      `\n${MEMBERS.toLocaleString('en')} members into the projection: ${seconds(t0).toFixed(1)} s`,
    );

    const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await service.app.inject({
        method,
        url,
        headers: { 'x-laoke-brand-id': BRAND },
        ...(payload && { payload }),
      });
      if (response.statusCode >= 300) throw new Error(`${url}: ${response.body}`);
      return response.json<Record<string, unknown>>();
    };
    const segment = await call('POST', '/v1/segments', { name: 'everyone', criteria: {} });
    t0 = performance.now();
    const preview = await call('POST', `/v1/segments/${String(segment['segmentId'])}/preview`);
    print(`segment preview (count ${String(preview['count'])}): ${seconds(t0).toFixed(2)} s`);

    const sendAt = DateTime.now().setZone(config.BRAND_TIME_ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
    const broadcast = await call('POST', '/v1/broadcasts', {
      segmentId: segment['segmentId'],
      template: 'broadcast.bench',
      category: 'care',
      sendAt,
    });
    const started = performance.now();
    let requestedAt = 0;
    for (;;) {
      if (performance.now() - started > TIMEOUT_MS)
        throw new Error('fan-out did not finish in time');
      const state = await call('GET', `/v1/broadcasts/${String(broadcast['broadcastId'])}`);
      if (!requestedAt && state['state'] === 'completed') {
        requestedAt = seconds(started);
        // The outbox grew from empty to MEMBERS rows within minutes: until autovacuum catches up,
        // its statistics make the relay's pending-rows query sort every pending row per batch.
        await db.raw('analyze outbox');
      }
      if (requestedAt) {
        const pending = (await db('outbox')
          .whereNull('published_at')
          .count({ n: '*' })
          .first()) as {
          n: string;
        };
        if (Number(pending.n) === 0) break;
      }
      await pause(200);
    }
    const fanOutSeconds = seconds(started);
    const sample = (await db('outbox')
      .where({ event_type: 'notification.requested' })
      .select('payload', 'message_key')
      .first()) as { payload: object; message_key: string };
    const bytes = Buffer.byteLength(JSON.stringify(sample.payload));

    // The same count of messages of the same size, produced by plain kafkajs (acks=-1, idempotent).
    const rawTopic = `${prefix}bench.raw-produce`;
    await ensureTopics(brokers, [rawTopic], PARTITIONS);
    const producer = await connectProducer(brokers);
    const value = JSON.stringify(sample.payload);
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      key: `${sample.message_key}-${i}`,
      value,
    }));
    t0 = performance.now();
    for (let sent = 0; sent < MEMBERS; sent += batch.length)
      await producer.send({ topic: rawTopic, acks: -1, messages: batch.slice(0, MEMBERS - sent) });
    const rawSeconds = seconds(t0);
    await producer.disconnect();

    print(
      `broadcast to ${MEMBERS.toLocaleString('en')} members, ${bytes} bytes a message, ${PARTITIONS} partitions:`,
    );
    print(
      `  requested (outbox)           ${requestedAt.toFixed(1)} s  ${rate(MEMBERS, requestedAt)}`,
    );
    print(
      `  on the broker (relay done)   ${fanOutSeconds.toFixed(1)} s  ${rate(MEMBERS, fanOutSeconds)}`,
    );
    print(
      `  raw kafkajs produce          ${rawSeconds.toFixed(1)} s  ${rate(MEMBERS, rawSeconds)}`,
    );
    print(`  fan-out / raw                ${(rawSeconds / fanOutSeconds).toFixed(3)}`);

    // Scheduled cadence steps: the next occurrence of each member's cadence, spread over a year.
    t0 = performance.now();
    await db.raw(
      `insert into follow_ups (id, brand_id, member_id, store_id, purchase_id, step, template, due_at, status, created_at)
       select gen_random_uuid(), ?, gen_random_uuid(), 'SH-001', gen_random_uuid(), 'care-content',
         'follow_up.care_content', now() - interval '1 hour' + (i % 525600) * interval '1 minute',
         'pending', now()
       from generate_series(1, ?) i`,
      [BRAND, CADENCE_ROWS],
    );
    await db.raw('analyze follow_ups');
    print(
      `\n${CADENCE_ROWS.toLocaleString('en')} scheduled cadence rows: ${seconds(t0).toFixed(1)} s`,
    );
    const plan = await db.raw<{ rows: { 'QUERY PLAN': string }[] }>(
      `explain (analyze, format text)
       select * from follow_ups
       where brand_id = ? and status = 'pending' and due_at <= now()
       order by due_at limit 500 for update skip locked`,
      [BRAND],
    );
    const lines = plan.rows.map((r) => r['QUERY PLAN']);
    print(`due-step query (500 due steps, FOR UPDATE SKIP LOCKED):`);
    for (const line of lines.filter((l) => /Execution Time|Planning Time|Index|Scan/.test(l)))
      print(`  ${line.trim()}`);
  } finally {
    await service.close();
  }
} finally {
  await dropDatabase(postgres.adminUrl, databaseName).catch(() => undefined);
  await kafka.stop();
  await postgres.stop();
}
