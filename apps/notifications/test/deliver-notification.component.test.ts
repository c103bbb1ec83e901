import { randomUUID } from 'node:crypto';
import { Topics } from '@laoke/contracts';
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
import { memberRegistered, notificationRequested } from './notification-events';

let notifications: ServiceUnderTest;
let sink: ProviderSink;
let topic: (name: string) => string;
const BRAND = 'brand-notifications-test';
const pii = createPiiCipher(TEST_PII_KEY);

beforeAll(async () => {
  sink = await startProviderSink();
  const ns = await aTopicNamespace();
  topic = ns.topic;
  notifications = await startServiceUnderTest(notificationsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'notifications',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    SMS_PROVIDER_URL: `${sink.url}/sms`,
    // Nothing listens here: members is asked only about a member the projection lacks, and is down.
    MEMBERS_URL: 'http://127.0.0.1:9',
    SMS_SIGNATURE: '【金缘珠宝】',
    UNKNOWN_MEMBER_GRACE_MS: 15_000,
    DELIVERY_RESEND_AFTER_MS: 60_000,
    DELIVERY_MAX_ATTEMPTS: 10,
    DELIVERY_RECOVERY_INTERVAL_MS: 1_000,
  });
});
afterAll(async () => {
  await notifications?.close();
  await sink?.stop();
});

const thankYouRequested = (memberId: string) => notificationRequested(BRAND, memberId);

const publish = (name: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), topic(name), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

describe('delivering a requested SMS', () => {
  it('when the request arrives before the member is known, then it is retried and sent once, signed, by name', async () => {
    const memberId = randomUUID();
    const mobile = '13700001111';
    const request = thankYouRequested(memberId);

    await publish(Topics.notificationRequests, request);
    await eventually(async () => {
      const metrics = await notifications.app.inject('/metrics');
      expect(metrics.body).toMatch(/events_consumed_total\{[^}]*outcome="retried"/);
    });
    await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, mobile));

    const [sms, ...more] = await eventually(() => {
      const received = sink.messages().filter((m) => m.to === mobile);
      expect(received).not.toHaveLength(0);
      return received;
    });
    expect(more).toHaveLength(0);
    expect(sms?.text).toMatch(/^【金缘珠宝】陈静您好/);
    const sent = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.sent' && e.data['requestId'] === request.data.requestId,
    );
    expect(JSON.parse(sent.value)).toMatchObject({
      causationId: request.id,
      data: { providerMessageId: expect.any(String) },
    });
  });

  it('keeps the contact mobile encrypted in its database', async () => {
    const memberId = randomUUID();
    await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, '13700002222'));

    const contact = await eventually(async () => {
      const row: unknown = await notifications.context
        .db('contacts')
        .where({ member_id: memberId })
        .first();
      expect(row).toBeDefined();
      return row;
    });
    expect(JSON.stringify(contact)).not.toContain('13700002222');
    expect(contact).toMatchObject({ mobile_masked: '137****2222' });
  });
});

describe("a member's notification list", () => {
  const listOf = (memberId: string) =>
    notifications.app.inject({
      url: `/v1/members/${memberId}/notifications`,
      headers: identityHeaders({ brandId: BRAND }),
    });

  it('when the member is in the contact projection but was never messaged, then the list is empty', async () => {
    const memberId = randomUUID();
    await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, '13700002222'));

    await eventually(async () => {
      const response = await listOf(memberId);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ items: [] });
    });
  });

  it('when the member is not projected and the members service cannot be asked, then 503 with Retry-After, not a 500', async () => {
    const response = await listOf(randomUUID());

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json()).toMatchObject({ code: 'MEMBERS_UNAVAILABLE' });
  });
});
