/**
 * `npm run bench:notifications`: BENCH_NOTIFICATIONS (1,000,000) notification.requested events,
 * mixed purposes, channels and categories, produced to the real broker and processed by the
 * notifications service (run as in production, its own process) to the local SMS, WeChat and
 * SMTP servers. 5% of the members opted out, 5% live where it is night now (quiet hours defer
 * their care and marketing), and the caps hold back some care and marketing. Prints messages/s
 * from the first request produced to the last one decided, total time, p99 request-to-provider
 * latency, and in the same run the raw kafkajs produce→consume rate on the same broker for the
 * same count and message size, and the ratio. Loopback only; stops by itself after
 * BENCH_MAX_SECONDS (1,800).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { Topics, allTopics, createEvent, type AnyEvent } from '@laoke/contracts';
import {
  createDatabaseIfMissing,
  dropDatabase,
  devstackKafka,
  freePort,
  provideKafka,
  providePostgres,
  startProviderSink,
  startServiceProcess,
  startSmtpSink,
  WORKSPACE_DIR,
} from '@laoke/devstack';
import { connectProducer, createPiiCipher, ensureTopics, maskMobile } from '@laoke/platform';
import { measureRawKafkaRoundTrip } from './raw-kafka-roundtrip';

const REQUESTS = Number(process.env['BENCH_NOTIFICATIONS'] ?? '1000000');
const MAX_SECONDS = Number(process.env['BENCH_MAX_SECONDS'] ?? '1800');
const PARTITIONS = Number(process.env['BENCH_PARTITIONS'] ?? '3');
const MEMBERS = Math.max(100, Math.ceil(REQUESTS / 4));
const BATCH = 500;
const BRAND = 'bench-brand';
const print = (line: string) => process.stdout.write(`${line}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Members by j % 20: 0 opted out of SMS, 1 lives where it is 03:00 now, 2–5 on WeChat, 6–7 e-mail.
const optedOut = (j: number) => j % 20 === 0;
const atNight = (j: number) => j % 20 === 1;
const onWechat = (j: number) => j % 20 >= 2 && j % 20 <= 5;
const byEmail = (j: number) => j % 20 === 6 || j % 20 === 7;

/** An Etc/GMT zone where the hour is 03:00 now (Etc/GMT-8 is UTC+8). */
function nightZone(): string {
  const offset = ((((3 - new Date().getUTCHours() + 12) % 24) + 24) % 24) - 12;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** The members of a kind, so a request goes to someone it can reach. */
const pick = (i: number, kind: (j: number) => boolean) => {
  for (let j = i % MEMBERS; ; j = (j + 1) % MEMBERS) if (kind(j)) return j;
};

interface Mix {
  template: string;
  category: 'transactional' | 'care' | 'marketing';
  purpose: 'thank-you' | 'care-content' | 'broadcast' | 'win-back' | 'service';
  channel?: 'sms' | 'wechat' | 'email';
  member: (i: number) => number;
}

const anyone = (i: number) => i % MEMBERS;
/** Request i by i % 100: what it is and whom it is for. */
function mixOf(i: number): Mix {
  const slot = i % 100;
  if (slot < 55)
    return {
      template: 'purchase.thank_you',
      category: 'transactional',
      purpose: 'thank-you',
      channel: 'sms',
      member: anyone,
    };
  if (slot < 70)
    return {
      template: 'care.tips',
      category: 'care',
      purpose: 'care-content',
      channel: 'sms',
      member: anyone,
    };
  if (slot < 82)
    return {
      template: 'care.tips',
      category: 'marketing',
      purpose: 'broadcast',
      channel: 'sms',
      member: anyone,
    };
  if (slot < 90)
    // No channel: the routing sends a win-back by WeChat, else as a staff task, never SMS.
    return {
      template: 'win_back.we_miss_you',
      category: 'marketing',
      purpose: 'win-back',
      // Every other one to the next member, who may have no WeChat: a staff task then.
      member: (n) => pick(n, onWechat) + (n % 2),
    };
  if (slot < 95)
    return {
      template: 'purchase.thank_you',
      category: 'transactional',
      purpose: 'thank-you',
      channel: 'wechat',
      member: (n) => pick(n, onWechat),
    };
  return {
    template: 'care.cleaning_invitation',
    category: 'transactional',
    purpose: 'service',
    channel: 'email',
    member: (n) => pick(n, byEmail),
  };
}

const memberIds = Array.from({ length: MEMBERS }, () => randomUUID());

function aRequest(i: number): AnyEvent {
  const mix = mixOf(i);
  const memberId = memberIds[mix.member(i) % MEMBERS]!;
  return createEvent({
    type: 'notification.requested',
    brandId: BRAND,
    memberId,
    data: {
      requestId: randomUUID(),
      memberId,
      template: mix.template,
      category: mix.category,
      purpose: mix.purpose,
      ...(mix.channel && { channel: mix.channel }),
      variables: {},
      reason: 'bench',
      dedupeKey: `bench:${i}`,
    },
  });
}

const runId = `bench-${randomBytes(4).toString('hex')}`;
const stops: (() => Promise<unknown>)[] = [];
const deadline = performance.now() + MAX_SECONDS * 1000;
const runDir = join(WORKSPACE_DIR, '.laoke', runId);
try {
  await mkdir(runDir, { recursive: true });
  const postgres = await providePostgres({
    dataDir: join(WORKSPACE_DIR, '.laoke', `${runId}-postgres`),
    persistent: false,
    log,
  });
  stops.push(postgres.stop);
  const kafka = await provideKafka({
    cacheDir: join(WORKSPACE_DIR, '.laoke', 'cache'),
    runDir: join(runDir, 'kafka'),
    partitions: PARTITIONS,
    log,
  });
  stops.push(kafka.stop);
  const prefix = `${runId}.`;
  await ensureTopics(devstackKafka(kafka.brokers), allTopics(prefix), PARTITIONS);
  const sink = await startProviderSink();
  stops.push(sink.stop);
  const smtp = await startSmtpSink();
  stops.push(smtp.stop);

  const database = `laoke_${runId.replace(/-/g, '_')}_notifications`;
  const databaseUrl = await createDatabaseIfMissing(postgres.adminUrl, database);
  stops.push(() => dropDatabase(postgres.adminUrl, database));
  const piiKey = randomBytes(32).toString('base64');
  const port = await freePort();
  const service = await startServiceProcess({
    name: 'notifications',
    port,
    logFile: join(runDir, 'notifications.log'),
    env: {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      PII_ENCRYPTION_KEY: piiKey,
      INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      SMS_PROVIDER_URL: `${sink.url}/sms`,
      WECHAT_PROVIDER_URL: `${sink.url}/wechat`,
      EMAIL_SMTP_HOST: smtp.host,
      EMAIL_SMTP_PORT: String(smtp.port),
      // Every member is in the contact projection before the requests; none is asked about.
      MEMBERS_URL: sink.url,
    },
  });
  stops.push(service.stop);

  const producer = await connectProducer(devstackKafka(kafka.brokers));
  stops.push(() => producer.disconnect());
  const produce = async (topic: string, events: AnyEvent[]) => {
    for (let at = 0; at < events.length; at += BATCH)
      await producer.send({
        topic: `${prefix}${topic}`,
        acks: -1,
        messages: events
          .slice(at, at + BATCH)
          .map((e) => ({ key: e.memberId ?? null, value: JSON.stringify(e) })),
      });
  };

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  stops.push(() => db.end());
  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]?.n);

  // The members, as the members service would announce them.
  const pii = createPiiCipher(piiKey);
  const zone = nightZone();
  const now = () => new Date().toISOString();
  const memberEvents: AnyEvent[] = memberIds.flatMap((memberId, j) => {
    const mobile = `139${String(j).padStart(8, '0')}`;
    const registered = createEvent({
      type: 'member.registered',
      brandId: BRAND,
      memberId,
      data: {
        memberId,
        cardNumber: `VIP${String(j).padStart(10, '0')}`,
        name: `会员${j}`,
        mobileEncrypted: pii.encrypt(mobile),
        mobileMasked: maskMobile(mobile),
        homeStoreId: 'SH-001',
        registeredAt: now(),
      },
    });
    const reach = {
      ...(onWechat(j) && { wechatOpenId: `o-bench-${j}` }),
      ...(byEmail(j) && { emailEncrypted: pii.encrypt(`member${j}@example.com`) }),
      ...(atNight(j) && { timeZone: zone }),
    };
    const updated =
      Object.keys(reach).length > 0
        ? [
            createEvent({
              type: 'member.updated',
              brandId: BRAND,
              memberId,
              data: { memberId, ...reach, updatedAt: now() },
            }),
          ]
        : [];
    const optOuts = optedOut(j)
      ? (['transactional', 'care', 'marketing'] as const).map((category) =>
          createEvent({
            type: 'member.consent-changed',
            brandId: BRAND,
            memberId,
            data: {
              memberId,
              channel: 'sms' as const,
              category,
              granted: false,
              source: 'bench',
              changedAt: now(),
            },
          }),
        )
      : [];
    return [registered, ...updated, ...optOuts];
  });
  log(`setting up ${MEMBERS} members (${memberEvents.length} member events)…`);
  await produce(Topics.membersEvents, memberEvents);
  while ((await count('select count(*) as n from contacts')) < MEMBERS) {
    if (performance.now() > deadline)
      throw new Error('members did not reach the contact projection in time');
    await pause(500);
  }
  const wechatMembers = memberIds.filter((_, j) => onWechat(j));
  for (let at = 0; at < wechatMembers.length; at += 16)
    await Promise.all(
      wechatMembers.slice(at, at + 16).map(async (memberId) => {
        const response = await fetch(`${service.url}/v1/wechat/subscriptions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-laoke-brand-id': BRAND,
            'idempotency-key': `bench-${memberId}`,
          },
          body: JSON.stringify({ memberId, template: 'win_back.we_miss_you', count: 50 }),
        });
        await fetch(`${service.url}/v1/wechat/subscriptions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-laoke-brand-id': BRAND,
            'idempotency-key': `bench-ty-${memberId}`,
          },
          body: JSON.stringify({ memberId, template: 'purchase.thank_you', count: 50 }),
        });
        if (response.status !== 201) throw new Error(`subscriptions: ${response.status}`);
      }),
    );
  // Consent changes settle in their own consumer; wait until the opt-outs are in.
  await pause(2_000);

  log(`producing ${REQUESTS} notification.requested…`);
  const producedAt = new Map<string, number>();
  let bytes = 0;
  const started = performance.now();
  const producing = (async () => {
    for (let at = 0; at < REQUESTS && performance.now() < deadline; at += BATCH) {
      const events = Array.from({ length: Math.min(BATCH, REQUESTS - at) }, (_, k) =>
        aRequest(at + k),
      );
      const t = Date.now();
      for (const e of events) {
        producedAt.set((e.data as { requestId: string }).requestId, t);
        bytes += Buffer.byteLength(JSON.stringify(e));
      }
      await produce(Topics.notificationRequests, events);
    }
  })();
  // Decided: sent, failed, suppressed, or deferred to a later time (quiet hours, caps).
  const decided = () =>
    count(
      `select count(*) as n from deliveries
        where status in ('sent', 'failed', 'suppressed') or (status = 'claimed' and not_before > now())`,
    );
  let done = 0;
  await producing;
  const produced = performance.now();
  while ((done = await decided()) < producedAt.size && performance.now() < deadline)
    await pause(250);
  const finished = performance.now();
  const seconds = (finished - started) / 1000;

  const statuses = (
    await db.query<{ status: string; channel: string | null; n: string }>(
      `select case when status = 'claimed' then 'deferred' else status end as status, channel,
              count(*) as n from deliveries group by 1, 2 order by 1, 2`,
    )
  ).rows.map((r) => `${r.status}/${r.channel ?? '-'} ${r.n}`);
  const latencies = (
    await db.query<{ request_id: string; sent_at: Date }>(
      `select request_id, sent_at from deliveries where status = 'sent' and channel <> 'staff-task'`,
    )
  ).rows
    .map((r) => r.sent_at.getTime() - (producedAt.get(r.request_id) ?? NaN))
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => a - b);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;

  log('measuring raw kafkajs produce→consume on the same broker…');
  const messageBytes = Math.round(bytes / Math.max(1, producedAt.size));
  const raw = await measureRawKafkaRoundTrip({
    brokers: kafka.brokers,
    partitions: PARTITIONS,
    count: producedAt.size,
    messageBytes,
    batch: BATCH,
    maxSeconds: Math.max(60, (deadline - performance.now()) / 1000),
  });

  const rate = done / seconds;
  const rawRate = raw.consumed / raw.seconds;
  const line = (label: string, value: string) => print(`${label.padEnd(40)} ${value}`);
  print(
    `\nnotification pipeline on 127.0.0.1: ${REQUESTS} requests to ${MEMBERS} members, ${PARTITIONS} partitions, one service process`,
  );
  line(
    'requests produced / decided',
    `${producedAt.size} / ${done}${done < producedAt.size ? ' (stopped at BENCH_MAX_SECONDS)' : ''}`,
  );
  line('outcomes (status/channel count)', statuses.join(', '));
  line('producing took', `${((produced - started) / 1000).toFixed(1)} s`);
  line('total time, first produced to last decided', `${seconds.toFixed(1)} s`);
  line('pipeline rate', `${rate.toFixed(0)} messages/s`);
  line(
    'request-to-provider latency (sent)',
    `p50 ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms (${latencies.length} sent)`,
  );
  line(
    'raw kafkajs produce→consume',
    `${rawRate.toFixed(0)} messages/s (${raw.consumed} of ${messageBytes} bytes in ${raw.seconds.toFixed(1)} s)`,
  );
  line('pipeline / raw', (rate / rawRate).toFixed(3));
} finally {
  for (const stop of stops.reverse())
    await stop().catch((e: Error) => log(`stop failed: ${e.message}`));
}
