import { createHash, randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import { createPiiCipher } from '@laoke/platform';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  eventually,
  findMessage,
  publishRaw,
  startProviderSink,
  startServiceUnderTest,
  startSmtpSink,
  type ProviderSink,
  type ServiceUnderTest,
  type SmtpSink,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as notificationsApp from '../src/app';
import { aMobile, aRequest, memberRegistered } from './notification-events';

const BRAND = 'brand-wechat-receipts';
const TOKEN = 'wechat-token-for-tests-0123456789';
const pii = createPiiCipher(TEST_PII_KEY);
const headers = identityHeaders({ brandId: BRAND });
let notifications: ServiceUnderTest;
let sink: ProviderSink;
let smtp: SmtpSink;
let topic: (name: string) => string;

beforeAll(async () => {
  sink = await startProviderSink();
  smtp = await startSmtpSink();
  const ns = await aTopicNamespace();
  topic = ns.topic;
  notifications = await startServiceUnderTest(notificationsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'notifications',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    SMS_PROVIDER_URL: `${sink.url}/sms`,
    WECHAT_PROVIDER_URL: `${sink.url}/wechat`,
    EMAIL_SMTP_HOST: smtp.host,
    EMAIL_SMTP_PORT: smtp.port,
    // The sink answers 404 for any member path: a member unknown to the projection is unknown.
    MEMBERS_URL: sink.url,
    WEBHOOK_SECRET: TOKEN,
  });
});
afterAll(async () => {
  await notifications?.close();
  await sink?.stop();
  await smtp?.stop();
});

const db = () => notifications.context.db;
const publish = (name: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), topic(name), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

/** A member known to the contact projection, with an openid or an e-mail address. */
async function aMember(reach: { openid?: string; email?: string }) {
  const memberId = randomUUID();
  await publish(Topics.membersEvents, memberRegistered(pii, BRAND, memberId, aMobile()));
  await publish(
    Topics.membersEvents,
    createEvent({
      type: 'member.updated',
      brandId: BRAND,
      memberId,
      data: {
        memberId,
        ...(reach.openid && { wechatOpenId: reach.openid }),
        ...(reach.email && { emailEncrypted: pii.encrypt(reach.email) }),
        updatedAt: new Date().toISOString(),
      },
    }),
  );
  await eventually(async () => {
    const row = (await db()('contacts').where({ member_id: memberId }).first()) as
      { wechat_openid: string | null; email_encrypted: string | null } | undefined;
    expect(Boolean(row?.wechat_openid ?? row?.email_encrypted)).toBe(true);
  });
  return memberId;
}

const subscribe = (memberId: string, template: string, count: number) =>
  notifications.app.inject({
    method: 'POST',
    url: '/v1/wechat/subscriptions',
    headers: { ...headers, 'idempotency-key': randomUUID() },
    payload: { memberId, template, count },
  });

interface DeliveryRow {
  id: string;
  status: string;
  provider: string;
  provider_message_id: string;
  delivered_at: Date | null;
  failure_reason: string | null;
}

const deliveryOf = (requestId: string) =>
  db()('deliveries').where({ request_id: requestId }).first() as Promise<DeliveryRow>;

/** A win-back that went out on WeChat, with WeChat's msgid recorded. */
async function aSentWechatMessage() {
  const openid = `o-${randomUUID()}`;
  const memberId = await aMember({ openid });
  await subscribe(memberId, 'win_back.we_miss_you', 1);
  const request = aRequest(BRAND, memberId, 'win_back.we_miss_you', {
    purpose: 'win-back',
    category: 'marketing',
  });
  await publish(Topics.notificationRequests, request);
  const delivery = await eventually(async () => {
    const row = await deliveryOf(request.data.requestId);
    expect(row?.status).toBe('sent');
    return row;
  });
  expect(delivery.provider).toBe('wechat-primary');
  return { openid, memberId, delivery };
}

/** WeChat's signature over the token, timestamp and nonce, as WeChat computes it. */
const signed = (token = TOKEN) => {
  const timestamp = '1765000000';
  const nonce = randomUUID().slice(0, 8);
  const signature = createHash('sha1')
    .update([token, timestamp, nonce].sort().join(''))
    .digest('hex');
  return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
};

const push = (body: object, query = signed()) =>
  notifications.app.inject({
    method: 'POST',
    url: `/v1/webhooks/wechat-primary/wechat-events?${query}`,
    payload: body as Record<string, unknown>,
  });

const sentEvent = (openid: string, list: object | object[]) => ({
  ToUserName: 'gh_123456789abc',
  FromUserName: openid,
  CreateTime: '1765000000',
  MsgType: 'event',
  Event: 'subscribe_msg_sent_event',
  List: list,
});

const entry = (msgid: string, status = 'success') => ({
  TemplateId: 'WX-TPL-MISS-YOU',
  MsgID: msgid,
  ErrorCode: status === 'success' ? '0' : '20001',
  ErrorStatus: status,
});

describe('WeChat receipts (POST /v1/webhooks/{provider}/wechat-events)', () => {
  it('when WeChat reports success, then notification.delivered is published once, however often WeChat pushes it', async () => {
    const { openid, delivery } = await aSentWechatMessage();
    const event = sentEvent(openid, entry(delivery.provider_message_id));

    const first = await push(event);
    const again = await push(event);

    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ reports: [{ deliveryId: delivery.id, changed: true }] });
    expect(again.json()).toEqual({ reports: [{ deliveryId: delivery.id, changed: false }] });
    expect(
      (await db()('deliveries').where({ id: delivery.id }).first()).delivered_at,
    ).not.toBeNull();
    const delivered = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.delivered' && e.data['deliveryId'] === delivery.id,
    );
    expect(JSON.parse(delivered.value)).toMatchObject({
      data: {
        channel: 'wechat',
        provider: 'wechat-primary',
        providerMessageId: delivery.provider_message_id,
      },
    });
    const outbox = await db()('outbox')
      .where({ event_type: 'notification.delivered' })
      .whereRaw('payload::text like ?', [`%${delivery.id}%`]);
    expect(outbox).toHaveLength(1);
  });

  it('when WeChat reports the member blocked it, then the delivery fails with notification.failed', async () => {
    const { openid, delivery } = await aSentWechatMessage();

    const response = await push(
      sentEvent(openid, [entry(delivery.provider_message_id, 'failed:user block')]),
    );

    expect(response.json()).toEqual({ reports: [{ deliveryId: delivery.id, changed: true }] });
    expect(await db()('deliveries').where({ id: delivery.id }).first()).toMatchObject({
      status: 'failed',
      failure_reason: expect.stringContaining('failed:user block'),
    });
    const failed = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.failed' && e.data['deliveryId'] === delivery.id,
    );
    expect(JSON.parse(failed.value)).toMatchObject({
      data: { channel: 'wechat', stage: 'delivery-report' },
    });
  });

  it("takes an official account's TEMPLATESENDJOBFINISH the same way", async () => {
    const { openid, delivery } = await aSentWechatMessage();
    const response = await push({
      ToUserName: 'gh_123456789abc',
      FromUserName: openid,
      CreateTime: 1765000000,
      MsgType: 'event',
      Event: 'TEMPLATESENDJOBFINISH',
      MsgID: delivery.provider_message_id,
      Status: 'success',
    });
    expect(response.json()).toEqual({ reports: [{ deliveryId: delivery.id, changed: true }] });
  });

  it('when an event names a message we never sent, then 422 names it and nothing of the event is written', async () => {
    const { openid, delivery } = await aSentWechatMessage();

    const response = await push(
      sentEvent(openid, [entry(delivery.provider_message_id), entry('wx-never-sent')]),
    );

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'DELIVERY_NOT_FOUND', field: 'List[1].MsgID' });
    expect((await db()('deliveries').where({ id: delivery.id }).first()).delivered_at).toBeNull();
  });

  it('acknowledges and ignores the events it does not handle', async () => {
    const response = await push({
      ToUserName: 'gh_123456789abc',
      FromUserName: `o-${randomUUID()}`,
      CreateTime: '1765000000',
      MsgType: 'event',
      Event: 'subscribe_msg_popup_event',
      List: { TemplateId: 'WX-TPL-MISS-YOU', SubscribeStatusString: 'accept', PopupScene: '0' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ reports: [] });
  });

  it('refuses a push without a valid signature (401), bad input (400 naming the field) and an unknown provider (404)', async () => {
    const { openid, delivery } = await aSentWechatMessage();
    const event = sentEvent(openid, entry(delivery.provider_message_id));

    for (const query of [signed('another-token'), 'timestamp=1&nonce=2', ''])
      expect((await push(event, query)).statusCode).toBe(401);
    const noStatus = await push(sentEvent(openid, { TemplateId: 'x', MsgID: 'y' }));
    expect(noStatus.statusCode).toBe(400);
    expect(noStatus.json()).toMatchObject({ field: 'List.ErrorStatus' });
    const extra = await push({ ...event, Surprise: 1 });
    expect(extra.statusCode).toBe(400);
    expect(extra.headers['content-type']).toContain('application/problem+json');
    const unknown = await notifications.app.inject({
      method: 'POST',
      url: `/v1/webhooks/carrier-pigeon/wechat-events?${signed()}`,
      payload: event,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ field: 'provider' });

    expect((await db()('deliveries').where({ id: delivery.id }).first()).delivered_at).toBeNull();
  });

  it("answers WeChat's URL check with the echostr when signed", async () => {
    const url = `/v1/webhooks/wechat-primary/wechat-events?${signed()}&echostr=abc123`;
    const ok = await notifications.app.inject({ url });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('abc123');
    const unsigned = await notifications.app.inject({
      url: `/v1/webhooks/wechat-primary/wechat-events?${signed('x')}&echostr=abc123`,
    });
    expect(unsigned.statusCode).toBe(401);
  });
});

describe('e-mail bounces (POST /v1/webhooks/{provider}/delivery-reports)', () => {
  it('when the mail relay reports a bounce, then the e-mail delivery fails with notification.failed', async () => {
    const memberId = await aMember({ email: `m${randomUUID().slice(0, 8)}@example.com` });
    const request = aRequest(BRAND, memberId, 'care.cleaning_invitation', {
      channel: 'email',
      purpose: 'service',
      category: 'transactional',
    });
    await publish(Topics.notificationRequests, request);
    const delivery = await eventually(async () => {
      const row = await deliveryOf(request.data.requestId);
      expect(row?.status).toBe('sent');
      return row;
    });

    const bounce = await notifications.app.inject({
      method: 'POST',
      url: '/v1/webhooks/email-smtp/delivery-reports',
      headers: { 'x-webhook-secret': TOKEN },
      payload: {
        messageId: delivery.provider_message_id,
        status: 'failed',
        reason: '550 5.1.1 mailbox unavailable',
      },
    });

    expect(bounce.statusCode).toBe(200);
    expect(await db()('deliveries').where({ id: delivery.id }).first()).toMatchObject({
      status: 'failed',
      failure_reason: expect.stringContaining('mailbox unavailable'),
    });
  });
});

describe("a member's WeChat quota (GET /v1/members/{memberId}/wechat-subscriptions)", () => {
  const quota = (memberId: string, brand = BRAND) =>
    notifications.app.inject({
      url: `/v1/members/${memberId}/wechat-subscriptions`,
      headers: identityHeaders({ brandId: brand }),
    });

  it('lists what is left per template, each send taking one', async () => {
    const { memberId } = await aSentWechatMessage();
    await subscribe(memberId, 'care.tips', 3);

    const response = await quota(memberId);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      memberId,
      templates: [
        { template: 'care.tips', remaining: 3 },
        { template: 'win_back.we_miss_you', remaining: 0 },
      ],
    });
  });

  it('answers a known member with no subscription an empty list, an unknown or other-brand member 404, a bad id 400', async () => {
    const memberId = await aMember({ openid: `o-${randomUUID()}` });
    expect((await quota(memberId)).json()).toEqual({ memberId, templates: [] });

    const stranger = await quota(randomUUID());
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json()).toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    expect((await quota(memberId, 'another-brand')).statusCode).toBe(404);

    const bad = await quota('not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ field: 'memberId' });
  });
});
