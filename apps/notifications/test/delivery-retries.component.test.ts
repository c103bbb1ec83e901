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

const BRAND = 'brand-delivery-retries';
const pii = createPiiCipher(TEST_PII_KEY);
let notifications: ServiceUnderTest;
let primary: ProviderSink;
let secondary: ProviderSink;
let topic: (name: string) => string;

beforeAll(async () => {
  primary = await startProviderSink();
  secondary = await startProviderSink();
  const ns = await aTopicNamespace();
  topic = ns.topic;
  notifications = await startServiceUnderTest(notificationsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'notifications',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    SMS_PROVIDER_URL: `${primary.url}/sms`,
    SMS_SECONDARY_PROVIDER_URL: `${secondary.url}/sms`,
    MEMBERS_URL: 'http://127.0.0.1:9',
    UNKNOWN_MEMBER_GRACE_MS: 1_500,
    DELIVERY_RETRY_BASE_MS: 50,
    DELIVERY_RETRY_MAX_MS: 200,
    DELIVERY_MAX_ATTEMPTS: 4,
    DELIVERY_RECOVERY_INTERVAL_MS: 100,
  });
});
afterAll(async () => {
  await notifications?.close();
  await primary?.stop();
  await secondary?.stop();
});

const publish = (name: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), topic(name), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

async function aKnownMember() {
  const memberId = randomUUID();
  const mobile = aMobile();
  await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, mobile));
  await eventually(async () => {
    const row: unknown = await notifications.context
      .db('contacts')
      .where({ member_id: memberId })
      .first();
    expect(row).toBeDefined();
  });
  return { memberId, mobile };
}

const deliveryOf = (requestId: string) =>
  eventually(async () => {
    const row = (await notifications.context
      .db('deliveries')
      .where({ request_id: requestId })
      .first()) as Record<string, unknown> | undefined;
    expect(row?.['status']).toMatch(/^(sent|failed|suppressed)$/);
    return row!;
  });

const attemptsOf = (deliveryId: string) =>
  notifications.context
    .db('delivery_attempts')
    .where({ delivery_id: deliveryId })
    .orderBy('id')
    .select('provider', 'outcome');

describe('retrying a delivery', () => {
  it('when both gateways answer 503 twice and then 200, then it is retried with backoff and the phone gets it once', async () => {
    const { memberId, mobile } = await aKnownMember();
    const request = notificationRequested(BRAND, memberId);
    primary.fail(request.data.requestId, 2, 503);
    secondary.fail(request.data.requestId, 2, 503);

    await publish(Topics.notificationRequests, request);

    const delivery = await deliveryOf(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3, provider: 'sms-primary' });
    expect(primary.sendsOf(request.data.requestId)).toBe(3);
    expect(primary.messages().filter((m) => m.to === mobile)).toHaveLength(1);
    expect(secondary.messages().filter((m) => m.to === mobile)).toHaveLength(0);
    expect(await attemptsOf(delivery['id'] as string)).toEqual([
      { provider: 'sms-primary', outcome: 'retryable' },
      { provider: 'sms-secondary', outcome: 'retryable' },
      { provider: 'sms-primary', outcome: 'retryable' },
      { provider: 'sms-secondary', outcome: 'retryable' },
      { provider: 'sms-primary', outcome: 'sent' },
    ]);
  });

  it('when the primary gateway is down, then the secondary takes the message at once', async () => {
    const { memberId, mobile } = await aKnownMember();
    const request = notificationRequested(BRAND, memberId);
    primary.fail(request.data.requestId, 1, 503);

    await publish(Topics.notificationRequests, request);

    const delivery = await deliveryOf(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, provider: 'sms-secondary' });
    expect(secondary.messages().filter((m) => m.to === mobile)).toHaveLength(1);
    expect(primary.messages().filter((m) => m.to === mobile)).toHaveLength(0);
  });

  it('when the gateway refuses the message for good, then it is failed without retry and notification.failed says why', async () => {
    const { memberId } = await aKnownMember();
    const request = notificationRequested(BRAND, memberId);
    primary.fail(request.data.requestId, 1, 400);

    await publish(Topics.notificationRequests, request);

    const delivery = await deliveryOf(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    // A refusal for good is not offered to the secondary: it would refuse the same message.
    expect(secondary.sendsOf(request.data.requestId)).toBe(0);
    const failed = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.failed' && e.data['requestId'] === request.data.requestId,
    );
    expect(JSON.parse(failed.value)).toMatchObject({
      causationId: request.id,
      data: { stage: 'send', provider: 'sms-primary', reason: expect.stringContaining('400') },
    });
  });

  it('when every attempt fails retryably, then after the last one it is failed and notification.failed is published', async () => {
    const { memberId } = await aKnownMember();
    const request = notificationRequested(BRAND, memberId);
    primary.fail(request.data.requestId, 100, 503);
    secondary.fail(request.data.requestId, 100, 429);

    await publish(Topics.notificationRequests, request);

    const delivery = await deliveryOf(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 4 });
    expect(delivery['failure_reason']).toMatch(/gave up after 4 attempts/);
    await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.failed' && e.data['requestId'] === request.data.requestId,
    );
  });

  it('when a malformed request arrives, then it lands on the dead-letter topic and the next good one is delivered', async () => {
    const { memberId, mobile } = await aKnownMember();
    const malformed = notificationRequested(BRAND, memberId);
    const broken = { ...malformed, data: { ...malformed.data, channel: 'pigeon' } };
    const good = notificationRequested(BRAND, memberId);

    await publishRaw(inject('kafkaBrokers'), topic(Topics.notificationRequests), [
      { key: memberId, value: JSON.stringify(broken) },
      { key: memberId, value: '{not json' },
      { key: memberId, value: JSON.stringify(good) },
    ]);

    await deliveryOf(good.data.requestId);
    expect(primary.messages().filter((m) => m.to === mobile)).toHaveLength(1);
    const dead = await findMessage(
      inject('kafkaBrokers'),
      topic(deadLetterTopic('notifications')),
      (e) => (e as unknown as { id?: string }).id === malformed.id,
    );
    expect(dead.value).toContain('pigeon');
    expect(
      await notifications.context.db('deliveries').where({ request_id: malformed.data.requestId }),
    ).toHaveLength(0);
  });
});

describe('a channel without a configured provider', () => {
  it('when a WeChat delivery comes up and no WeChat provider is configured, then it is failed with notification.failed and never sent as SMS', async () => {
    await notifications.context
      .db('templates')
      .insert({
        brand_id: BRAND,
        key: 'wechat.only',
        channel: 'wechat',
        body: 'thing1: {{memberName}}您好',
      })
      .onConflict(['brand_id', 'key', 'channel', 'locale'])
      .ignore();
    const { memberId, mobile } = await aKnownMember();
    // The routing policy only picks WeChat for a member it can reach there, with a subscription.
    await notifications.context
      .db('contacts')
      .where({ member_id: memberId })
      .update({ wechat_openid: `openid-${memberId}` });
    const subscribed = await notifications.app.inject({
      method: 'POST',
      url: '/v1/wechat/subscriptions',
      headers: { ...identityHeaders({ brandId: BRAND }), 'idempotency-key': `sub-${memberId}` },
      payload: { memberId, template: 'wechat.only', count: 1 },
    });
    expect(subscribed.statusCode).toBe(201);
    const request = notificationRequested(BRAND, memberId, 'wechat.only');
    const wechat = { ...request, data: { ...request.data, channel: 'wechat' as const } };

    await publish(Topics.notificationRequests, wechat);

    expect(await deliveryOf(request.data.requestId)).toMatchObject({
      status: 'failed',
      failure_reason: 'no provider configured for the wechat channel',
    });
    expect(primary.messages().filter((m) => m.to === mobile)).toHaveLength(0);
    await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) =>
        e.type === 'notification.failed' &&
        e.data['requestId'] === request.data.requestId &&
        e.data['channel'] === 'wechat',
    );
  });
});
