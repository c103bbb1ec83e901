import { randomUUID } from 'node:crypto';
import { Topics, deadLetterTopic } from '@laoke/contracts';
import { createPiiCipher } from '@laoke/platform';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  eventually,
  findMessage,
  publishRaw,
  startProviderSink,
  startServiceUnderTest,
  type ProviderSink,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as notificationsApp from '../src/app';
import { aMobile, memberRegistered, notificationRequested } from './notification-events';

const BRAND = 'brand-rejected-requests';
const pii = createPiiCipher(TEST_PII_KEY);
let notifications: ServiceUnderTest;
let sink: ProviderSink;
let topic: (name: string) => string;

beforeAll(async () => {
  sink = await startProviderSink();
  const ns = await aTopicNamespace();
  topic = ns.topic;
  notifications = await startServiceUnderTest(notificationsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'notifications',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    SMS_PROVIDER_URL: `${sink.url}/sms`,
    // Nothing listens here: every member of these tests is known from its contact.
    MEMBERS_URL: 'http://127.0.0.1:9',
    DELIVERY_RECOVERY_INTERVAL_MS: 100,
  });
});
afterAll(async () => {
  await notifications?.close();
  await sink?.stop();
});

const publishRequests = (memberId: string, values: string[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(Topics.notificationRequests),
    values.map((value) => ({ key: memberId, value })),
  );

async function aKnownMember() {
  const memberId = randomUUID();
  const mobile = aMobile();
  await publishRaw(inject('kafkaBrokers'), topic(Topics.membersEvents), [
    { key: memberId, value: JSON.stringify(memberRegistered(pii, BRAND, memberId, mobile)) },
  ]);
  await eventually(async () =>
    expect(await notifications.context.db('contacts').where({ member_id: memberId })).toHaveLength(
      1,
    ),
  );
  return { memberId, mobile };
}

const historyOf = async (memberId: string) => {
  const response = await notifications.app.inject({
    url: `/v1/members/${memberId}/notifications`,
    headers: identityHeaders({ brandId: BRAND }),
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: { requestId: string; status: string; reason: string | null }[] }>();
};

describe('requests published by systems outside the platform', () => {
  it('when a request fails its schema, then it lands on the dead-letter topic with the reason, the member history shows it rejected, and the next good one is delivered', async () => {
    const { memberId, mobile } = await aKnownMember();
    const valid = notificationRequested(BRAND, memberId);
    const malformed = { ...valid, data: { ...valid.data, channel: 'pigeon' } };
    const good = notificationRequested(BRAND, memberId);

    await publishRequests(memberId, [JSON.stringify(malformed), JSON.stringify(good)]);

    await eventually(() => expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1));
    const dead = await findMessage(
      inject('kafkaBrokers'),
      topic(deadLetterTopic('notifications')),
      (e) => (e as unknown as { id?: string }).id === malformed.id,
    );
    expect(dead.headers?.['dead-letter-reason']).toContain('/data/channel');
    const history = await eventually(async () => {
      const { items } = await historyOf(memberId);
      expect(items).toHaveLength(2);
      return items;
    });
    expect(history.find((i) => i.requestId === malformed.data.requestId)).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('/data/channel') as string,
    });
    expect(history.find((i) => i.requestId === good.data.requestId)?.status).toMatch(
      /^(sending|sent)$/,
    );
  });

  it('when a message is not an event at all (null, no type), then it is dead-lettered and the consumer carries on', async () => {
    const { memberId, mobile } = await aKnownMember();
    const good = notificationRequested(BRAND, memberId);

    await publishRequests(memberId, ['null', JSON.stringify({ memberId }), JSON.stringify(good)]);

    await eventually(() => expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1));
    const rejected = await eventually(async () => {
      const rows = await notifications.context
        .db('rejected_requests')
        .where({ reason: 'message is not an event: no type' })
        .whereRaw("topic like '%notifications.requests'");
      expect(rows.length).toBeGreaterThanOrEqual(2);
      return rows as { member_id: string | null }[];
    });
    expect(rejected.map((r) => r.member_id)).toContain(memberId);
  });

  it('counts rejected requests in the brand statistics of their day', async () => {
    const { memberId } = await aKnownMember();
    const valid = notificationRequested(BRAND, memberId);
    const malformed = { ...valid, data: { ...valid.data, purpose: 'spam' } };

    await publishRequests(memberId, [JSON.stringify(malformed)]);

    await eventually(async () =>
      expect(
        await notifications.context
          .db('rejected_requests')
          .where({ request_id: malformed.data.requestId }),
      ).toHaveLength(1),
    );
    // Whatever the brand's time zone makes of today's date.
    const day = (offsetDays: number) =>
      new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
    const response = await notifications.app.inject({
      url: `/v1/notifications/statistics?from=${day(-1)}&to=${day(1)}`,
      headers: identityHeaders({ brandId: BRAND }),
    });
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: { purpose: string | null; rejected: number }[] }>();
    expect(items.find((i) => i.purpose === 'spam')?.rejected).toBe(1);
  });
});
