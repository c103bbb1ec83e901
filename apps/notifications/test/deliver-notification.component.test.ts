import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import { createPiiCipher, maskMobile } from '@laoke/platform';
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
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as notificationsApp from '../src/app';

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
    SMS_SIGNATURE: '【金缘珠宝】',
  });
});
afterAll(async () => {
  await notifications?.close();
  await sink?.stop();
});

const memberRegistered = (memberId: string, mobile: string) =>
  createEvent({
    type: 'member.registered',
    brandId: BRAND,
    memberId,
    data: {
      memberId,
      cardNumber: 'VIP0000000001',
      name: '陈静',
      mobileEncrypted: pii.encrypt(mobile),
      mobileMasked: maskMobile(mobile),
      homeStoreId: 'SH-001',
      registeredAt: new Date().toISOString(),
    },
  });

const thankYouRequested = (memberId: string) =>
  createEvent({
    type: 'notification.requested',
    brandId: BRAND,
    memberId,
    data: {
      requestId: randomUUID(),
      memberId,
      template: 'purchase.thank_you',
      channel: 'sms' as const,
      category: 'care' as const,
      variables: {},
      reason: 'test',
    },
  });

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
    await new Promise((resolve) => setTimeout(resolve, 300));
    await publish(Topics.membersEvents, memberRegistered(memberId, mobile));

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
    await publish(Topics.membersEvents, memberRegistered(memberId, '13700002222'));

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
