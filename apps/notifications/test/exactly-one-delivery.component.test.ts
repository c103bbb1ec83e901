import { randomBytes, randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import { createPiiCipher } from '@laoke/platform';
import {
  TEST_PII_KEY,
  createDatabaseIfMissing,
  dropDatabase,
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startProviderSink,
  startServiceUnderTest,
  waitForConsumersToCatchUp,
  type ProviderSink,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as notificationsApp from '../src/app';
import { aMobile, aRequest, memberRegistered } from './notification-events';

const BRAND = 'brand-exactly-once';
const pii = createPiiCipher(TEST_PII_KEY);
// 10:00 in Shanghai: care may go at once.
const clock = aTestClock(new Date('2026-03-02T02:00:00Z'));
let sink: ProviderSink;
let ns: Awaited<ReturnType<typeof aTopicNamespace>>;
let databaseName: string;
let databaseUrl: string;
let running: ServiceUnderTest | undefined;

/** The service on one database that outlives it, so a restart finds what it decided before. */
const start = async () =>
  (running = await startServiceUnderTest(
    notificationsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'notifications',
      SMS_PROVIDER_URL: `${sink.url}/sms`,
      MEMBERS_URL: 'http://127.0.0.1:9',
      DATABASE_URL: databaseUrl,
    },
    { clock },
  ));

beforeAll(async () => {
  sink = await startProviderSink();
  ns = await aTopicNamespace();
  databaseName = `laoke_test_once_${randomBytes(4).toString('hex')}`;
  databaseUrl = await createDatabaseIfMissing(inject('postgresAdminUrl'), databaseName);
});
afterAll(async () => {
  await running?.close();
  await dropDatabase(inject('postgresAdminUrl'), databaseName);
  await sink?.stop();
});

const publish = (name: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), ns.topic(name), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

const caughtUp = () =>
  waitForConsumersToCatchUp(inject('kafkaBrokers'), [
    {
      groupId: ns.topic('notifications.deliveries'),
      topic: ns.topic(Topics.notificationRequests),
    },
  ]);

/** The same request again, as a sender retrying it: a new event, the same request. */
const again = <E extends { id: string }>(event: E): E => ({ ...event, id: randomUUID() });

describe('exactly one delivery per dedupe key', () => {
  it('the same request delivered 3 times with a restart in between calls the provider once', async () => {
    let service = await start();
    const memberId = randomUUID();
    const mobile = aMobile();
    await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, mobile));
    const request = aRequest(BRAND, memberId, 'purchase.thank_you', { purpose: 'thank-you' });

    await publish(Topics.notificationRequests, request);
    await eventually(() => expect(sink.sendsOf(request.data.requestId)).toBe(1));
    await publish(Topics.notificationRequests, again(request));
    await caughtUp();
    await service.close();

    service = await start();
    await publish(Topics.notificationRequests, again(request));
    await publish(Topics.notificationRequests, request);
    await caughtUp();

    expect(sink.sendsOf(request.data.requestId)).toBe(1);
    expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1);
    const rows = await service.context.db('deliveries').where({ member_id: memberId });
    expect(rows).toHaveLength(1);
  });

  it("requests with different ids and the sender's same dedupe key make one delivery", async () => {
    const service = running ?? (await start());
    const memberId = randomUUID();
    const mobile = aMobile();
    await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, mobile));
    const dedupeKey = `${memberId}:journey-1:step-2:1`;
    const first = aRequest(BRAND, memberId, 'purchase.thank_you', {
      purpose: 'thank-you',
      dedupeKey,
    });
    const second = createEvent({
      type: 'notification.requested',
      brandId: BRAND,
      memberId,
      data: { ...first.data, requestId: randomUUID() },
    });

    await publish(Topics.notificationRequests, first);
    await publish(Topics.notificationRequests, second);
    await eventually(() => expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1));
    await caughtUp();

    const rows = await service.context.db('deliveries').where({ member_id: memberId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ request_id: first.data.requestId, dedupe_key: dedupeKey });
  });
});
