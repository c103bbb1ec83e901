import { randomUUID } from 'node:crypto';
import { Topics } from '@laoke/contracts';
import { createPiiCipher } from '@laoke/platform';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  eventually,
  publishRaw,
  startProviderSink,
  startServiceUnderTest,
  type ProviderSink,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as notificationsApp from '../src/app';
import { ProviderBusy, takeProviderSlot } from '../src/domain/provider-rate-limit';
import { aMobile, memberRegistered, notificationRequested } from './notification-events';

const BRAND = 'brand-provider-rate-limit';
const pii = createPiiCipher(TEST_PII_KEY);
let notifications: ServiceUnderTest;
let sink: ProviderSink;
let topic: (name: string) => string;
/** Stands still unless a test moves it, so "the same second" is certain. */
let now = new Date('2026-03-10T02:00:00.100Z');
const clock = { now: () => now, nowFor: () => now };

beforeAll(async () => {
  sink = await startProviderSink();
  const ns = await aTopicNamespace();
  topic = ns.topic;
  notifications = await startServiceUnderTest(
    notificationsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'notifications',
      PII_ENCRYPTION_KEY: TEST_PII_KEY,
      SMS_PROVIDER_URL: `${sink.url}/sms`,
      MEMBERS_URL: 'http://127.0.0.1:9',
      PROVIDER_RATE_LIMITS: 'sms-primary=1',
      DELIVERY_RECOVERY_INTERVAL_MS: 100,
    },
    { clock },
  );
});
afterAll(async () => {
  await notifications?.close();
  await sink?.stop();
});

/** Another replica's view: the same database, its own clock. */
const replicaAt = (at: string, rateLimits: Record<string, number>) => ({
  db: notifications.context.db,
  clock: { now: () => new Date(at), nowFor: () => new Date(at) },
  rateLimits,
});

const busyUntil = async (call: Promise<void>) => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderBusy);
  return (error as ProviderBusy).retryAt;
};

describe('provider rate limits (item 11)', () => {
  it('when a provider allows L calls a second, then L calls within one second go, the (L+1)-th waits for the next second, and the next second has room again', async () => {
    const limits = { 'sms-a': 3 };
    const second = '2026-03-10T02:00:07';

    for (const at of ['.000', '.400', '.999'])
      await takeProviderSlot(replicaAt(`${second}${at}Z`, limits), 'sms-a');
    const retryAt = await busyUntil(
      takeProviderSlot(replicaAt(`${second}.999Z`, limits), 'sms-a', () => 0.5),
    );

    expect(retryAt.toISOString()).toBe('2026-03-10T02:00:08.500Z');
    await takeProviderSlot(replicaAt('2026-03-10T02:00:08.000Z', limits), 'sms-a');
  });

  it('counts each provider on its own, across replicas, and leaves providers without a limit alone', async () => {
    const limits = { 'sms-b': 1, 'sms-c': 1 };
    const at = '2026-03-10T02:00:09.100Z';

    await takeProviderSlot(replicaAt(at, limits), 'sms-b');
    await takeProviderSlot(replicaAt(at, limits), 'sms-c');
    await busyUntil(takeProviderSlot(replicaAt('2026-03-10T02:00:09.200Z', limits), 'sms-b'));
    for (let call = 0; call < 5; call += 1)
      await takeProviderSlot(replicaAt(at, limits), 'sms-unlimited');
  });

  it('when a delivery is over its provider limit, then it is deferred to the next second, not dropped and not counted as an attempt, and sent then', async () => {
    const memberId = randomUUID();
    const mobile = aMobile();
    await publishRaw(inject('kafkaBrokers'), topic(Topics.membersEvents), [
      { key: memberId, value: JSON.stringify(memberRegistered(pii, BRAND, memberId, mobile)) },
    ]);
    await eventually(async () =>
      expect(
        await notifications.context.db('contacts').where({ member_id: memberId }),
      ).toHaveLength(1),
    );
    const first = notificationRequested(BRAND, memberId);
    const second = notificationRequested(BRAND, memberId);

    await publishRaw(
      inject('kafkaBrokers'),
      topic(Topics.notificationRequests),
      [first, second].map((r) => ({ key: memberId, value: JSON.stringify(r) })),
    );

    const deferred = await eventually(async () => {
      const rows = (await notifications.context
        .db('deliveries')
        .where({ member_id: memberId })
        .orderBy('created_at')) as Record<string, unknown>[];
      expect(rows.map((r) => r['status']).sort()).toEqual(['claimed', 'sent']);
      return rows.find((r) => r['status'] === 'claimed')!;
    });
    expect(deferred['attempts']).toBe(0);
    const due = deferred['next_attempt_at'] as Date;
    expect(due.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-03-10T02:00:01.000Z'));
    expect(due.getTime()).toBeLessThan(Date.parse('2026-03-10T02:00:02.000Z'));
    expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1);

    now = new Date('2026-03-10T02:00:02.000Z');

    await eventually(() => expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(2));
    await eventually(async () =>
      expect(
        await notifications.context
          .db('deliveries')
          .where({ id: deferred['id'] as string })
          .first(),
      ).toMatchObject({ status: 'sent', attempts: 1 }),
    );
  });
});
