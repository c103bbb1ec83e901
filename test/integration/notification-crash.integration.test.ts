import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics, createEvent } from '@laoke/contracts';
import {
  createDatabaseIfMissing,
  dropDatabase,
  freePort,
  startProviderSink,
  startServiceProcess,
  type ProviderSink,
  type ServiceProcess,
} from '@laoke/devstack';
import { createDatabase, createPiiCipher, maskMobile, type Database } from '@laoke/platform';
import {
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_PII_KEY,
  aTopicNamespace,
  eventually,
  publishRaw,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const BRAND = 'brand-notification-crash';
const pii = createPiiCipher(TEST_PII_KEY);
let sink: ProviderSink;
let db: Database;
let databaseName: string;
let logDir: string;
let env: Record<string, string>;
let topic: (name: string) => string;
const running: ServiceProcess[] = [];

/** Notifications as its own Node process, as `npm start` runs it. */
async function startNotifications(): Promise<ServiceProcess> {
  const service = await startServiceProcess({
    name: 'notifications',
    port: await freePort(),
    env,
    logFile: join(logDir, 'notifications.log'),
  });
  running.push(service);
  return service;
}

beforeAll(async () => {
  sink = await startProviderSink();
  const ns = await aTopicNamespace();
  topic = ns.topic;
  databaseName = `laoke_test_crash_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await createDatabaseIfMissing(inject('postgresAdminUrl'), databaseName);
  db = createDatabase(databaseUrl);
  logDir = await mkdtemp(join(tmpdir(), 'laoke-crash-'));
  env = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    KAFKA_TOPIC_PREFIX: ns.prefix,
    KAFKA_CLIENT_ID_SUFFIX: `-${databaseName}`,
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
    SMS_PROVIDER_URL: `${sink.url}/sms`,
    // Nothing listens here: this test never lists a member's notifications.
    MEMBERS_URL: 'http://127.0.0.1:9',
    DELIVERY_RESEND_AFTER_MS: '1500',
    DELIVERY_RECOVERY_INTERVAL_MS: '200',
    LOG_LEVEL: 'info',
  };
});

afterAll(async () => {
  for (const service of running) await service.stop();
  await db?.destroy();
  await dropDatabase(inject('postgresAdminUrl'), databaseName);
  await sink?.stop();
  await rm(logDir, { recursive: true, force: true });
});

const publish = (name: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), topic(name), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

const deliveryOf = (requestId: string) =>
  db<{ request_id: string; status: string; attempts: number }>('deliveries')
    .where({ request_id: requestId })
    .first();

describe('a crash between the provider call and its settlement', () => {
  // The killed process stays a member of its consumer groups until its session times out
  // (kafkajs: 30 s), and the restarted one joins only then; this test waits that out.
  it('leaves the delivery sending; after a restart it is sent again with the same reference, and the member gets one message', async () => {
    const memberId = randomUUID();
    const mobile = '13912340000';
    const requestId = randomUUID();
    const first = await startNotifications();
    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.registered',
        brandId: BRAND,
        memberId,
        data: {
          memberId,
          cardNumber: 'VIP0000000002',
          name: '周敏',
          mobileEncrypted: pii.encrypt(mobile),
          mobileMasked: maskMobile(mobile),
          homeStoreId: 'SH-001',
          registeredAt: new Date().toISOString(),
        },
      }),
    );
    const held = sink.hold(requestId);

    await publish(
      Topics.notificationRequests,
      createEvent({
        type: 'notification.requested',
        brandId: BRAND,
        memberId,
        data: {
          requestId,
          memberId,
          template: 'purchase.thank_you',
          channel: 'sms' as const,
          // No quiet hours for transactional messages: the test may run at any hour.
          category: 'transactional' as const,
          variables: {},
          reason: 'crash test',
          purpose: 'thank-you' as const,
        },
      }),
    );
    await held.arrived;
    await first.kill();
    held.release();

    expect(await deliveryOf(requestId)).toMatchObject({ status: 'sending', attempts: 1 });
    await startNotifications();
    await eventually(
      async () =>
        expect(await deliveryOf(requestId)).toMatchObject({ status: 'sent', attempts: 2 }),
      60_000,
    );
    expect(sink.sendsOf(requestId)).toBe(2);
    expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1);
    const sentEvents = await db('outbox')
      .where({ event_type: 'notification.sent' })
      .whereRaw("payload->'data'->>'requestId' = ?", [requestId]);
    expect(sentEvents).toHaveLength(1);
  }, 120_000);
});
