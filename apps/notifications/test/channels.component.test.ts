import { randomUUID } from 'node:crypto';
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

const BRAND = 'brand-channels';
const pii = createPiiCipher(TEST_PII_KEY);
const headers = identityHeaders({ brandId: BRAND });
let notifications: ServiceUnderTest;
let primary: ProviderSink;
let secondary: ProviderSink;
let smtp: SmtpSink;
let topic: (name: string) => string;

beforeAll(async () => {
  primary = await startProviderSink();
  secondary = await startProviderSink();
  smtp = await startSmtpSink();
  const ns = await aTopicNamespace();
  topic = ns.topic;
  notifications = await startServiceUnderTest(notificationsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'notifications',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    SMS_PROVIDER_URL: `${primary.url}/sms`,
    WECHAT_PROVIDER_URL: `${primary.url}/wechat`,
    WECHAT_SECONDARY_PROVIDER_URL: `${secondary.url}/wechat`,
    WECHAT_TEMPLATE_IDS: JSON.stringify({ 'win_back.we_miss_you': 'WX-TPL-MISS-YOU' }),
    EMAIL_SMTP_HOST: smtp.host,
    EMAIL_SMTP_PORT: smtp.port,
    EMAIL_FROM: 'Jinyuan Jewelry <care@jinyuan.example>',
    MEMBERS_URL: 'http://127.0.0.1:9',
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
  await smtp?.stop();
});

const publish = (name: string, ...events: { memberId?: string }[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(name),
    events.map((event) => ({ key: event.memberId ?? null, value: JSON.stringify(event) })),
  );

const db = () => notifications.context.db;

/** A member with a mobile, and an openid / e-mail when given, known to the contact projection. */
async function aMember(reach: { openid?: string; email?: string } = {}, brandId = BRAND) {
  const memberId = randomUUID();
  const mobile = aMobile();
  await publish(Topics.membersEvents, memberRegistered(pii, brandId, memberId, mobile));
  if (reach.openid || reach.email)
    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.updated',
        brandId,
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
    expect(row).toBeDefined();
    expect(Boolean(row!.wechat_openid)).toBe(Boolean(reach.openid));
    expect(Boolean(row!.email_encrypted)).toBe(Boolean(reach.email));
  });
  return { memberId, mobile };
}

const subscribe = (memberId: string, template: string, count: number, key: string = randomUUID()) =>
  notifications.app.inject({
    method: 'POST',
    url: '/v1/wechat/subscriptions',
    headers: { ...headers, 'idempotency-key': key },
    payload: { memberId, template, count },
  });

const quotaOf = async (memberId: string, template: string) =>
  (
    (await db()('wechat_subscriptions').where({ member_id: memberId, template }).first()) as
      { remaining: number } | undefined
  )?.remaining ?? 0;

interface DeliveryRow {
  id: string;
  status: string;
  channel: string;
  provider: string | null;
  attempts: number;
  decision_reason: string | null;
  failure_reason: string | null;
  delivered_at: Date | null;
}

const settled = (requestId: string, status = /^(sent|failed|suppressed)$/) =>
  eventually(async () => {
    const row = (await db()('deliveries').where({ request_id: requestId }).first()) as
      DeliveryRow | undefined;
    expect(row?.status).toMatch(status);
    return row!;
  });

const winBack = (memberId: string) =>
  aRequest(BRAND, memberId, 'win_back.we_miss_you', {
    purpose: 'win-back',
    category: 'marketing',
  });

describe('WeChat subscription quota (POST /v1/wechat/subscriptions)', () => {
  it('when the mini-program reports accepted subscriptions, then they add up per member and template, once per Idempotency-Key', async () => {
    const { memberId } = await aMember({ openid: `o-${randomUUID()}` });
    const first = await subscribe(memberId, 'win_back.we_miss_you', 2, `wx-sub-${memberId}`);
    const replay = await subscribe(memberId, 'win_back.we_miss_you', 2, `wx-sub-${memberId}`);
    const more = await subscribe(memberId, 'win_back.we_miss_you', 1);

    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ memberId, template: 'win_back.we_miss_you', remaining: 2 });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(more.json()).toMatchObject({ remaining: 3 });
    expect(await quotaOf(memberId, 'win_back.we_miss_you')).toBe(3);
  });

  it('when the input is bad, then 400 names the field and nothing is written', async () => {
    const { memberId } = await aMember();
    const zero = await subscribe(memberId, 'care.tips', 0);
    const noKey = await notifications.app.inject({
      method: 'POST',
      url: '/v1/wechat/subscriptions',
      headers,
      payload: { memberId, template: 'care.tips', count: 1 },
    });

    expect(zero.statusCode).toBe(400);
    expect(zero.headers['content-type']).toContain('application/problem+json');
    expect(zero.json()).toMatchObject({ field: 'count' });
    expect(noKey.json()).toMatchObject({ field: 'idempotency-key' });
    expect(await quotaOf(memberId, 'care.tips')).toBe(0);
  });

  it('when the member is unknown to this brand, then 422 UNKNOWN_MEMBER and nothing is written', async () => {
    const stranger = randomUUID();
    const response = await subscribe(stranger, 'care.tips', 1);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'UNKNOWN_MEMBER', field: 'memberId' });
    expect(await quotaOf(stranger, 'care.tips')).toBe(0);
  });
});

describe('routing a win-back (R9) to WeChat or a staff task, never SMS', () => {
  it('R9: a win-back for a member with WeChat and a subscription left goes to WeChat by openid, taking one', async () => {
    const openid = `o-${randomUUID()}`;
    const { memberId, mobile } = await aMember({ openid });
    await subscribe(memberId, 'win_back.we_miss_you', 2);
    const request = winBack(memberId);

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery).toMatchObject({
      status: 'sent',
      channel: 'wechat',
      provider: 'wechat-primary',
    });
    const shown = primary.wechatMessages().filter((m) => m.touser === openid);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      templateId: 'WX-TPL-MISS-YOU',
      data: { thing1: { value: '好久不见' }, thing2: { value: '陈静，我们很想念您' } },
    });
    expect(await quotaOf(memberId, 'win_back.we_miss_you')).toBe(1);
    expect(primary.messages().filter((m) => m.to === mobile)).toHaveLength(0);
  });

  it('R9: a win-back for a member without WeChat becomes a staff task for the store, never an SMS', async () => {
    const { memberId, mobile } = await aMember();
    const request = winBack(memberId);

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'sent', channel: 'staff-task' });
    expect(delivery.decision_reason).toContain('wechat: no-address');
    const handOver = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) =>
        e.type === 'notification.staff-task-requested' &&
        e.data['requestId'] === request.data.requestId,
    );
    expect(JSON.parse(handOver.value)).toMatchObject({
      causationId: request.id,
      data: {
        deliveryId: delivery.id,
        purpose: 'win-back',
        brief: expect.stringContaining('陈静'),
      },
    });
    expect(primary.sendsOf(request.data.requestId)).toBe(0);
    expect(primary.messages().filter((m) => m.to === mobile)).toHaveLength(0);
  });

  it('a WeChat send with no subscription left is not attempted: it goes to a staff task with reason no-wechat-quota', async () => {
    const openid = `o-${randomUUID()}`;
    const { memberId } = await aMember({ openid });
    const request = winBack(memberId);

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'sent', channel: 'staff-task' });
    expect(delivery.decision_reason).toContain('wechat: no-wechat-quota');
    expect(primary.sendsOf(request.data.requestId)).toBe(0);
    expect(secondary.sendsOf(request.data.requestId)).toBe(0);
    expect(primary.wechatMessages().filter((m) => m.touser === openid)).toHaveLength(0);
  });

  it('when WeChat is the only channel allowed and no subscription is left, then it is suppressed with no-wechat-quota', async () => {
    // A brand of its own: its policy must not change how the other tests are routed.
    const brandId = 'brand-channels-wechat-only';
    const { memberId } = await aMember({ openid: `o-${randomUUID()}` }, brandId);
    await notifications.app.inject({
      method: 'PUT',
      url: '/v1/notification-policy',
      headers: identityHeaders({ brandId: brandId }),
      payload: { routes: { 'care-content': ['wechat'] } },
    });
    const request = aRequest(brandId, memberId, 'care.tips', {
      purpose: 'care-content',
      category: 'transactional',
    });

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery.status).toBe('suppressed');
    expect(delivery.decision_reason).toBe('no-allowed-channel (wechat: no-wechat-quota)');
    expect(primary.sendsOf(request.data.requestId)).toBe(0);
  });
});

describe('WeChat provider failures', () => {
  it('when both WeChat relays answer 503 twice and then 200, then it is retried and shown once', async () => {
    const openid = `o-${randomUUID()}`;
    const { memberId } = await aMember({ openid });
    await subscribe(memberId, 'win_back.we_miss_you', 1);
    const request = winBack(memberId);
    primary.fail(request.data.requestId, 2, 503);
    secondary.fail(request.data.requestId, 2, 503);

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3, provider: 'wechat-primary' });
    expect(primary.wechatMessages().filter((m) => m.touser === openid)).toHaveLength(1);
    expect(secondary.wechatMessages().filter((m) => m.touser === openid)).toHaveLength(0);
  });

  it('when the primary WeChat relay is down, then the secondary takes the message at once', async () => {
    const openid = `o-${randomUUID()}`;
    const { memberId } = await aMember({ openid });
    await subscribe(memberId, 'win_back.we_miss_you', 1);
    const request = winBack(memberId);
    primary.fail(request.data.requestId, 1, 503);

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, provider: 'wechat-secondary' });
    expect(secondary.wechatMessages().filter((m) => m.touser === openid)).toHaveLength(1);
  });

  it('when WeChat refuses the message for good, then it fails and the subscription is given back', async () => {
    const openid = `o-${randomUUID()}`;
    const { memberId } = await aMember({ openid });
    await subscribe(memberId, 'win_back.we_miss_you', 1);
    const request = winBack(memberId);
    primary.refuseWechat(request.data.requestId, 47003);

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery.status).toBe('failed');
    expect(delivery.failure_reason).toContain('errcode 47003');
    expect(secondary.sendsOf(request.data.requestId)).toBe(0);
    expect(await quotaOf(memberId, 'win_back.we_miss_you')).toBe(1);
  });
});

describe('e-mail over SMTP', () => {
  it('when a message goes by e-mail, then the SMTP server receives it with the template subject and body', async () => {
    const email = `m${randomUUID().slice(0, 8)}@example.com`;
    const { memberId } = await aMember({ email });
    const request = aRequest(BRAND, memberId, 'care.cleaning_invitation', {
      channel: 'email',
      purpose: 'service',
      category: 'transactional',
    });

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'sent', channel: 'email', provider: 'email-smtp' });
    const received = smtp.messages().filter((m) => m.to.includes(email));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      from: 'care@jinyuan.example',
      subject: '欢迎回店免费清洗保养',
      messageId: `<${request.data.requestId}@laoke>`,
    });
    expect(received[0]!.text).toContain('陈静您好');
    expect(received[0]!.html).toContain('<p>陈静您好，</p>');
  });
});

describe('e-mail refusals', () => {
  const anEmail = async () => {
    const email = `m${randomUUID().slice(0, 8)}@example.com`;
    const { memberId } = await aMember({ email });
    return aRequest(BRAND, memberId, 'care.tips', {
      channel: 'email',
      purpose: 'service',
      category: 'transactional',
    });
  };

  it('when the SMTP server answers 451 (try later), then the e-mail is retried and arrives once', async () => {
    const request = await anEmail();
    smtp.refuse(1, 451);

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
    expect(
      smtp.messages().filter((m) => m.messageId === `<${request.data.requestId}@laoke>`),
    ).toHaveLength(1);
  });

  it('when the SMTP server answers 550 (no such mailbox), then the e-mail fails for good without retry', async () => {
    const request = await anEmail();
    smtp.refuse(1, 550);

    await publish(Topics.notificationRequests, request);

    const delivery = await settled(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery.failure_reason).toBe('email-smtp answered 550');
  });
});

describe('the staff-task outcome settles the delivery', () => {
  const taskCompleted = (memberId: string, deliveryId: string, outcome: 'reached' | 'no-answer') =>
    createEvent({
      type: 'task.completed',
      brandId: BRAND,
      storeId: 'SH-001',
      memberId,
      data: {
        taskId: randomUUID(),
        memberId,
        storeId: 'SH-001',
        kind: 'notification-win-back',
        outcome,
        completedAt: new Date().toISOString(),
        sourceKey: `notification:${deliveryId}`,
      },
    });

  it('when the call reached the member, then the delivery is delivered and notification.delivered says so', async () => {
    const { memberId } = await aMember();
    const request = winBack(memberId);
    await publish(Topics.notificationRequests, request);
    const delivery = await settled(request.data.requestId);

    await publish(Topics.campaignsEvents, taskCompleted(memberId, delivery.id, 'reached'));

    await eventually(async () => {
      const row = (await db()('deliveries').where({ id: delivery.id }).first()) as DeliveryRow;
      expect(row.delivered_at).not.toBeNull();
    });
    await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) =>
        e.type === 'notification.delivered' &&
        e.data['deliveryId'] === delivery.id &&
        e.data['channel'] === 'staff-task',
    );
  });

  it('when nobody answered, then the delivery fails with the outcome as its reason', async () => {
    const { memberId } = await aMember();
    const request = winBack(memberId);
    await publish(Topics.notificationRequests, request);
    const delivery = await settled(request.data.requestId);

    await publish(Topics.campaignsEvents, taskCompleted(memberId, delivery.id, 'no-answer'));

    const failed = await settled(request.data.requestId, /^failed$/);
    expect(failed.failure_reason).toContain('no-answer');
  });
});
