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
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as notificationsApp from '../src/app';
import { aMobile, memberRegistered, notificationRequested } from './notification-events';

const BRAND = 'brand-receipts-opt-outs';
const SECRET = 'webhook-secret-for-tests-0123456789';
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
    // Members is down for the whole file: opt-outs must hold locally and wait for it.
    MEMBERS_URL: 'http://127.0.0.1:9',
    WEBHOOK_SECRET: SECRET,
    BRAND_OPT_OUT_WORDS: JSON.stringify({ [BRAND]: ['不要再发'] }),
    CONSENT_SYNC_INTERVAL_MS: 100,
    DELIVERY_RECOVERY_INTERVAL_MS: 100,
  });
});
afterAll(async () => {
  await notifications?.close();
  await sink?.stop();
});

const publish = (name: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), topic(name), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

const marketing = (memberId: string) => {
  const request = notificationRequested(BRAND, memberId);
  return {
    ...request,
    data: { ...request.data, category: 'marketing' as const, purpose: 'broadcast' as const },
  };
};

const settled = (requestId: string) =>
  eventually(async () => {
    const row = (await notifications.context
      .db('deliveries')
      .where({ request_id: requestId })
      .first()) as Record<string, unknown> | undefined;
    expect(row?.['status']).toMatch(/^(sent|failed|suppressed)$/);
    return row!;
  });

/** A member who has had one SMS, so a reply from their number finds them. */
async function aMessagedMember() {
  const memberId = randomUUID();
  const mobile = aMobile();
  await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, mobile));
  const first = notificationRequested(BRAND, memberId);
  await publish(Topics.notificationRequests, first);
  const delivery = await settled(first.data.requestId);
  expect(delivery['status']).toBe('sent');
  return { memberId, mobile, delivery };
}

const webhook = (path: string, payload: unknown, secret: string | null = SECRET) =>
  notifications.app.inject({
    method: 'POST',
    url: path,
    headers: secret === null ? {} : { 'x-webhook-secret': secret },
    payload: payload as Record<string, unknown>,
  });

describe('inbound SMS opt-outs', () => {
  it('when a member replies "R", then the next marketing SMS is not sent, care still is, and members is owed the change while it is down', async () => {
    const { memberId, mobile } = await aMessagedMember();

    const reply = await webhook('/v1/webhooks/sms-primary/inbound-sms', {
      from: mobile,
      text: ' r ',
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ optedOut: 1 });

    const next = marketing(memberId);
    await publish(Topics.notificationRequests, next);
    // Decided against at once: the reply updated the consent the routing reads.
    const suppressed = await settled(next.data.requestId);
    expect(suppressed).toMatchObject({ status: 'suppressed' });
    expect(suppressed['decision_reason']).toMatch(/opted-out/);
    expect(sink.sendsOf(next.data.requestId)).toBe(0);

    const care = notificationRequested(BRAND, memberId);
    await publish(Topics.notificationRequests, care);
    expect(await settled(care.data.requestId)).toMatchObject({ status: 'sent' });

    // Members cannot be asked: the change stays pending and the job keeps offering it.
    await eventually(async () => {
      const pending = (await notifications.context
        .db('pending_consent_updates')
        .where({ member_id: memberId })
        .first()) as Record<string, unknown> | undefined;
      expect(pending).toMatchObject({ channel: 'sms', category: 'marketing', granted: false });
      expect(pending?.['attempts']).toBeGreaterThanOrEqual(2);
      expect(pending?.['last_error']).toMatch(/MEMBERS|members/);
    });
  });

  it('takes "退订" and the brand\'s own words, and ignores any other reply', async () => {
    const a = await aMessagedMember();
    const b = await aMessagedMember();
    const c = await aMessagedMember();

    expect(
      (
        await webhook('/v1/webhooks/sms-primary/inbound-sms', {
          from: `+86${a.mobile}`,
          text: '退订',
        })
      ).json(),
    ).toEqual({ optedOut: 1 });
    expect(
      (
        await webhook('/v1/webhooks/sms-primary/inbound-sms', {
          from: b.mobile,
          text: '不要再发。',
        })
      ).json(),
    ).toEqual({ optedOut: 1 });
    expect(
      (
        await webhook('/v1/webhooks/sms-primary/inbound-sms', { from: c.mobile, text: '谢谢, R' })
      ).json(),
    ).toEqual({ optedOut: 0 });

    const optedOut = await notifications.context
      .db('opt_outs')
      .whereIn('member_id', [a.memberId, b.memberId, c.memberId])
      .pluck('member_id');
    expect(optedOut.sort()).toEqual([a.memberId, b.memberId].sort());
  });

  it('when members later records a fresh grant, then the local opt-out is lifted', async () => {
    const { memberId, mobile } = await aMessagedMember();
    await webhook('/v1/webhooks/sms-primary/inbound-sms', { from: mobile, text: 'TD' });

    await publish(Topics.membersEvents, {
      ...memberRegistered(pii, BRAND, memberId, mobile),
      id: randomUUID(),
      type: 'member.consent-changed',
      data: {
        memberId,
        channel: 'sms',
        category: 'marketing',
        granted: true,
        source: 'store-form',
        changedAt: new Date(Date.now() + 1_000).toISOString(),
      },
    } as unknown as { memberId?: string });

    await eventually(async () => {
      expect(
        await notifications.context.db('opt_outs').where({ member_id: memberId }),
      ).toHaveLength(0);
    });
  });
});

describe('webhook input and authentication', () => {
  it('refuses a call without the shared secret, or with a wrong one, with 401 and writes nothing', async () => {
    const { memberId, mobile } = await aMessagedMember();
    for (const secret of [null, 'wrong-secret']) {
      const response = await webhook(
        '/v1/webhooks/sms-primary/inbound-sms',
        { from: mobile, text: 'R' },
        secret,
      );
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(await notifications.context.db('opt_outs').where({ member_id: memberId })).toHaveLength(
      0,
    );
  });

  it('answers bad input with 400 naming the field, and an unknown provider with 404', async () => {
    const missing = await webhook('/v1/webhooks/sms-primary/inbound-sms', { text: 'R' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json())).toContain('from');

    const badStatus = await webhook('/v1/webhooks/sms-primary/delivery-reports', {
      messageId: 'x',
      status: 'lost',
    });
    expect(badStatus.statusCode).toBe(400);
    expect(JSON.stringify(badStatus.json())).toContain('status');

    const notANumber = await webhook('/v1/webhooks/sms-primary/inbound-sms', {
      from: 'somebody',
      text: 'R',
    });
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json()).toMatchObject({ code: 'INVALID_SENDER' });

    const unknown = await webhook('/v1/webhooks/carrier-pigeon/delivery-reports', {
      messageId: 'x',
      status: 'delivered',
    });
    expect(unknown.statusCode).toBe(404);
    expect(JSON.stringify(unknown.json())).toContain('provider');
  });
});

describe('delivery reports', () => {
  it('when the provider reports delivered, then notification.delivered is published once', async () => {
    const { delivery } = await aMessagedMember();
    const report = { messageId: delivery['provider_message_id'], status: 'delivered' };

    const first = await webhook('/v1/webhooks/sms-primary/delivery-reports', report);
    expect(first.json()).toEqual({ deliveryId: delivery['id'], changed: true });
    const again = await webhook('/v1/webhooks/sms-primary/delivery-reports', report);
    expect(again.json()).toEqual({ deliveryId: delivery['id'], changed: false });

    const delivered = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.delivered' && e.data['deliveryId'] === delivery['id'],
    );
    expect(JSON.parse(delivered.value)).toMatchObject({
      data: { provider: 'sms-primary', providerMessageId: delivery['provider_message_id'] },
    });
  });

  it('when the provider reports it failed, then the delivery is failed with notification.failed', async () => {
    const { delivery } = await aMessagedMember();

    const response = await webhook('/v1/webhooks/sms-primary/delivery-reports', {
      messageId: delivery['provider_message_id'],
      status: 'failed',
      reason: 'handset unreachable',
    });
    expect(response.statusCode).toBe(200);

    expect(
      await notifications.context.db('deliveries').where({ id: delivery['id'] }).first(),
    ).toMatchObject({
      status: 'failed',
      failure_reason: expect.stringContaining('handset unreachable'),
    });
    const failed = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.failed' && e.data['deliveryId'] === delivery['id'],
    );
    expect(JSON.parse(failed.value)).toMatchObject({ data: { stage: 'delivery-report' } });
  });

  it('when the report names a message never sent, then 422 names messageId', async () => {
    const response = await webhook('/v1/webhooks/sms-primary/delivery-reports', {
      messageId: 'sink-never',
      status: 'delivered',
    });
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(response.json())).toContain('messageId');
  });
});
