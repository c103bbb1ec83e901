import { randomUUID } from 'node:crypto';
import { Topics, deadLetterTopic } from '@laoke/contracts';
import { createPiiCipher, systemClock } from '@laoke/platform';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  eventually,
  findMessage,
  publishRaw,
  startProviderSink,
  startServiceUnderTest,
  waitForConsumersToCatchUp,
  type ProviderSink,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as notificationsApp from '../src/app';
import { aMobile, memberRegistered, notificationRequested } from './notification-events';

const BRAND = 'brand-delivery-states';
const RESEND_AFTER_MS = 60_000;
const pii = createPiiCipher(TEST_PII_KEY);
let notifications: ServiceUnderTest;
let sink: ProviderSink;
let topic: (name: string) => string;
/** Real time, moved forward by `ahead` ms: lets a test pass the resend timeout without waiting. */
let ahead = 0;
const aheadOfRealTime = () => new Date(systemClock.now().getTime() + ahead);
const clock = { now: aheadOfRealTime, nowFor: aheadOfRealTime };

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
      // Nothing listens here: these tests never list a member's notifications.
      MEMBERS_URL: 'http://127.0.0.1:9',
      SMS_SIGNATURE: '【金缘珠宝】',
      UNKNOWN_MEMBER_GRACE_MS: 1_500,
      DELIVERY_RESEND_AFTER_MS: RESEND_AFTER_MS,
      DELIVERY_MAX_ATTEMPTS: 10,
      DELIVERY_RECOVERY_INTERVAL_MS: 100,
    },
    { clock },
  );
});
afterAll(async () => {
  await notifications?.close();
  await sink?.stop();
});

const publish = (name: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), topic(name), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

/** A member the contact projection knows, and a thank-you requested for them. */
async function aKnownMemberWithARequest(template?: string) {
  const memberId = randomUUID();
  const mobile = aMobile();
  await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, mobile));
  await eventually(async () =>
    expect(await notifications.context.db('contacts').where({ member_id: memberId })).toHaveLength(
      1,
    ),
  );
  return { mobile, request: notificationRequested(BRAND, memberId, template) };
}

interface DeliveryRow {
  request_id: string;
  status: string;
  attempts: number;
  text: string;
  provider_message_id: string | null;
  failure_reason: string | null;
  sent_at: Date | null;
}
const deliveryOf = (requestId: string) =>
  notifications.context.db<DeliveryRow>('deliveries').where({ request_id: requestId }).first();
const sentEventsOf = (requestId: string) =>
  notifications.context
    .db('outbox')
    .where({ event_type: 'notification.sent' })
    .whereRaw("payload->'data'->>'requestId' = ?", [requestId]);
const settled = (requestId: string, status: string) =>
  eventually(async () => {
    const delivery = await deliveryOf(requestId);
    expect(delivery?.status).toBe(status);
    return delivery as DeliveryRow;
  });

describe('delivery states', () => {
  it('commits the delivery as sending, rendered and without the mobile in clear, before the provider answers; then settles it sent with notification.sent', async () => {
    const { mobile, request } = await aKnownMemberWithARequest();
    const held = sink.hold(request.data.requestId);

    await publish(Topics.notificationRequests, request);

    await held.arrived;
    const inFlight = await deliveryOf(request.data.requestId);
    expect(inFlight).toMatchObject({ status: 'sending', attempts: 1, sent_at: null });
    expect(inFlight?.text).toMatch(/^【金缘珠宝】陈静您好/);
    expect(JSON.stringify(inFlight)).not.toContain(mobile);
    held.release();
    const sent = await settled(request.data.requestId, 'sent');
    expect(sent.provider_message_id).toMatch(/^sink-/);
    expect(await sentEventsOf(request.data.requestId)).toHaveLength(1);
  });

  it('retries a transient provider failure, and the member gets the message once', async () => {
    const { mobile, request } = await aKnownMemberWithARequest();
    sink.fail(request.data.requestId, 1, 503);

    await publish(Topics.notificationRequests, request);

    const sent = await settled(request.data.requestId, 'sent');
    expect(sent.attempts).toBe(2);
    expect(sink.sendsOf(request.data.requestId)).toBe(2);
    expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1);
    expect(await sentEventsOf(request.data.requestId)).toHaveLength(1);
  });

  it('settles a message the provider refuses as failed, with the reason, and sends it no more', async () => {
    const { request } = await aKnownMemberWithARequest();
    sink.fail(request.data.requestId, 1, 400);

    await publish(Topics.notificationRequests, request);

    const failed = await settled(request.data.requestId, 'failed');
    expect(failed.failure_reason).toMatch(/refused the message \(400\)/);
    expect(sink.sendsOf(request.data.requestId)).toBe(1);
    expect(await sentEventsOf(request.data.requestId)).toHaveLength(0);
  });
});

describe('requests that cannot be delivered', () => {
  const deadLetterOf = (eventId: string) =>
    findMessage(
      inject('kafkaBrokers'),
      topic(deadLetterTopic('notifications')),
      (e) => (e as { id?: string }).id === eventId,
    );

  it('sends a request whose template does not exist to the dead-letter topic on its first failure', async () => {
    const { request } = await aKnownMemberWithARequest('no.such.template');

    await publish(Topics.notificationRequests, request);

    const dead = await deadLetterOf(request.id);
    expect(dead.headers).toMatchObject({
      'dead-letter-attempts': '1',
      'dead-letter-reason': `no sms template "no.such.template" for brand ${BRAND}`,
    });
    expect(await deliveryOf(request.data.requestId)).toBeUndefined();
  });

  it('retries a request for a member not yet known, and dead-letters it once the grace has passed', async () => {
    const request = notificationRequested(BRAND, randomUUID());

    await publish(Topics.notificationRequests, request);

    const dead = await deadLetterOf(request.id);
    expect(Number(dead.headers?.['dead-letter-attempts'])).toBeGreaterThan(1);
    expect(dead.headers?.['dead-letter-reason']).toMatch(
      new RegExp(`member ${request.data.memberId} still unknown \\d+ ms after the request`),
    );
  });
});

describe('recovery of a delivery left unsettled', () => {
  it('sends it again with the same provider reference once the resend timeout has passed: one message, settled sent', async () => {
    const { mobile, request } = await aKnownMemberWithARequest();
    const held = sink.hold(request.data.requestId);
    await publish(Topics.notificationRequests, request);
    await held.arrived;

    ahead = RESEND_AFTER_MS + 1_000;
    try {
      const sent = await settled(request.data.requestId, 'sent');
      expect(sent.attempts).toBe(2);
    } finally {
      held.release();
      ahead = 0;
    }
    expect(sink.sendsOf(request.data.requestId)).toBe(2);
    expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1);
    // The first attempt's late answer finds the delivery settled and adds nothing.
    await waitForConsumersToCatchUp(inject('kafkaBrokers'), [
      { groupId: topic('notifications.deliveries'), topic: topic(Topics.notificationRequests) },
    ]);
    expect(await sentEventsOf(request.data.requestId)).toHaveLength(1);
  });
});
