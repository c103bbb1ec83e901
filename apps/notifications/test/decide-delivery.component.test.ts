import { randomUUID } from 'node:crypto';
import { Topics } from '@laoke/contracts';
import { createPiiCipher } from '@laoke/platform';
import {
  TEST_PII_KEY,
  aTestClock,
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
import {
  aMobile,
  aRequest,
  consentChanged,
  memberRegistered,
  memberUpdated,
} from './notification-events';

const BRAND = 'brand-decide-test';
const pii = createPiiCipher(TEST_PII_KEY);
const clock = aTestClock();
// Shanghai is UTC+8: 02:00Z is 10:00 there, 12:30Z is 20:30, 14:00Z is 22:00.
const TEN_AM_SHANGHAI = new Date('2026-03-02T02:00:00Z');
let notifications: ServiceUnderTest;
let sink: ProviderSink;
let topic: (name: string) => string;

beforeAll(async () => {
  sink = await startProviderSink();
  const ns = await aTopicNamespace();
  topic = ns.topic;
  notifications = await startServiceUnderTest(
    notificationsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'notifications',
      SMS_PROVIDER_URL: `${sink.url}/sms`,
      MEMBERS_URL: 'http://127.0.0.1:9',
      SMS_SIGNATURE: '【金缘珠宝】',
    },
    { clock },
  );
});
afterAll(async () => {
  await notifications?.close();
  await sink?.stop();
});

const publish = (name: string, ...events: { memberId?: string }[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(name),
    events.map((event) => ({ key: event.memberId ?? null, value: JSON.stringify(event) })),
  );

const headers = identityHeaders({ brandId: BRAND });
const saveTemplate = (path: string, payload: object) =>
  notifications.app.inject({
    method: 'PUT',
    url: `/v1/notification-templates/${path}`,
    headers,
    payload,
  });

interface DeliveryRow {
  id: string;
  status: string;
  channel: string | null;
  text: string;
  decision_reason: string | null;
  not_before: Date;
  sms_length: number | null;
  sms_segments: number | null;
}

const deliveryOf = (requestId: string) =>
  eventually(async () => {
    const row = (await notifications.context
      .db('deliveries')
      .where({ request_id: requestId })
      .first()) as DeliveryRow | undefined;
    expect(row).toBeDefined();
    return row as DeliveryRow;
  });

/** A member the contact projection knows, with the extra member events given. */
async function aKnownMember(...more: ((memberId: string) => { memberId?: string })[]) {
  const memberId = randomUUID();
  const mobile = aMobile();
  await publish(
    Topics.membersEvents,
    memberRegistered(pii, BRAND, memberId, mobile),
    ...more.map((event) => event(memberId)),
  );
  await eventually(async () => {
    const contact = (await notifications.context
      .db('contacts')
      .where({ member_id: memberId })
      .first()) as { mobile_encrypted: string | null } | undefined;
    expect(contact?.mobile_encrypted).toBeTruthy();
  });
  return { memberId, mobile };
}

describe('templates', () => {
  it('R5: the greetings campaigns sends have default care templates: the holiday one names the day', async () => {
    const { memberId } = await aKnownMember();
    const request = aRequest(BRAND, memberId, 'greeting.holiday', {
      purpose: 'holiday',
      variables: { occasion: '中秋节' },
    });
    await publish(Topics.notificationRequests, request);

    const delivery = await deliveryOf(request.data.requestId);
    expect(delivery.text).toContain('中秋节到了，祝您和家人节日快乐');
    expect(delivery.text).toContain('陈静');
  });

  it('R5: a care template using a coupon variable is refused at save time, and nothing is stored', async () => {
    const response = await saveTemplate('holiday.greeting/sms/zh-CN', {
      category: 'care',
      body: '{{memberName}}您好，中秋快乐！凭券码{{couponCode}}到店领礼',
      variables: [{ name: 'couponCode' }],
    });

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'CARE_TEMPLATE_PROMOTES', field: 'body' });
    const stored = await notifications.app.inject({
      url: '/v1/notification-templates/holiday.greeting/sms/zh-CN',
      headers,
    });
    expect(stored.statusCode).toBe(404);
  });

  it('R5: a care template with a link in its text is refused; the same text as marketing is accepted', async () => {
    const body = '{{memberName}}您好，新品上市 https://shop.example/new';
    const care = await saveTemplate('season.new/sms/zh-CN', {
      category: 'care',
      body,
      variables: [],
    });
    expect(care.statusCode).toBe(422);
    const marketing = await saveTemplate('season.new/sms/zh-CN', {
      category: 'marketing',
      body,
      variables: [],
    });
    expect(marketing.statusCode).toBe(201);
  });

  it('refuses a body reading a variable it does not declare, or bad input, naming the field', async () => {
    const undeclared = await saveTemplate('a.b/sms/zh-CN', {
      category: 'care',
      body: '{{memberName}}您好，{{ store }}欢迎您',
      variables: [],
    });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json()).toMatchObject({
      code: 'TEMPLATE_VARIABLE_UNDECLARED',
      field: 'body',
    });
    const badLocale = await saveTemplate('a.b/sms/fr', {
      category: 'care',
      body: 'x',
      variables: [],
    });
    expect(badLocale.statusCode).toBe(400);
    expect(badLocale.json()).toMatchObject({ field: 'locale' });
  });

  it('creates, replaces, reads and removes a template per key, channel and locale', async () => {
    const template = {
      category: 'care',
      body: '{{memberName}}您好，{{ store }}欢迎您',
      variables: [{ name: 'store', description: '门店名' }],
    };
    expect((await saveTemplate('welcome.store/wechat/en', template)).statusCode).toBe(201);
    expect((await saveTemplate('welcome.store/wechat/en', template)).statusCode).toBe(200);
    const url = '/v1/notification-templates/welcome.store/wechat/en';
    const read = await notifications.app.inject({ url, headers });
    expect(read.json()).toMatchObject({ key: 'welcome.store', channel: 'wechat', locale: 'en' });
    expect((await notifications.app.inject({ method: 'DELETE', url, headers })).statusCode).toBe(
      200,
    );
    expect((await notifications.app.inject({ url, headers })).statusCode).toBe(404);
  });
});

describe('deciding a delivery', () => {
  beforeAll(async () => {
    const response = await saveTemplate('member.day/sms/zh-CN', {
      category: 'marketing',
      body: '{{memberName}}您好，本月{{day}}日会员日，全场会员专享礼遇，欢迎到店。',
      variables: [{ name: 'day' }],
    });
    expect(response.statusCode).toBe(201);
  });

  it('a marketing SMS carries the brand signature and the opt-out text; its length and segments are recorded', async () => {
    clock.set(TEN_AM_SHANGHAI);
    const { memberId, mobile } = await aKnownMember();
    const request = aRequest(BRAND, memberId, 'member.day', {
      category: 'marketing',
      purpose: 'broadcast',
      variables: { day: '8' },
    });

    await publish(Topics.notificationRequests, request);

    const sms = await eventually(() => {
      const received = sink.messages().find((m) => m.to === mobile);
      expect(received).toBeDefined();
      return received;
    });
    expect(sms?.text).toMatch(/^【金缘珠宝】陈静您好，本月8日会员日.*拒收请回复R$/);
    const delivery = await deliveryOf(request.data.requestId);
    expect(delivery).toMatchObject({ channel: 'sms', sms_length: [...(sms?.text ?? '')].length });
    expect(delivery.sms_segments).toBe(1);
  });

  it('a win-back for a member with WeChat goes to WeChat, one without to a staff task, never SMS', async () => {
    clock.set(TEN_AM_SHANGHAI);
    const withWechat = await aKnownMember((id) =>
      memberUpdated(BRAND, id, { wechatOpenId: 'o-1' }),
    );
    await eventually(async () =>
      expect(
        await notifications.context
          .db('contacts')
          .where({ member_id: withWechat.memberId })
          .first(),
      ).toMatchObject({ wechat_openid: 'o-1' }),
    );
    // WeChat sends only against a one-time subscription the member accepted in the mini-program.
    const subscribed = await notifications.app.inject({
      method: 'POST',
      url: '/v1/wechat/subscriptions',
      headers: { ...headers, 'idempotency-key': `sub-${withWechat.memberId}` },
      payload: { memberId: withWechat.memberId, template: 'care.tips', count: 1 },
    });
    expect(subscribed.statusCode).toBe(201);
    const without = await aKnownMember();
    const winBack = (memberId: string) =>
      aRequest(BRAND, memberId, 'care.tips', { purpose: 'win-back', channel: 'sms' });
    const first = winBack(withWechat.memberId);
    const second = winBack(without.memberId);

    await publish(Topics.notificationRequests, first, second);

    expect(await deliveryOf(first.data.requestId)).toMatchObject({ channel: 'wechat' });
    expect(await deliveryOf(second.data.requestId)).toMatchObject({ channel: 'staff-task' });
    expect(
      sink.messages().filter((m) => [withWechat.mobile, without.mobile].includes(m.to)),
    ).toEqual([]);
  });

  it('a member opted out of marketing SMS, with no other address, is suppressed with the reason and notification.suppressed', async () => {
    clock.set(TEN_AM_SHANGHAI);
    const { memberId, mobile } = await aKnownMember((id) =>
      consentChanged(BRAND, id, { channel: 'sms', category: 'marketing' }, false),
    );
    await eventually(async () =>
      expect(
        await notifications.context.db('contacts').where({ member_id: memberId }).first(),
      ).toMatchObject({ consents: { 'sms:marketing': false } }),
    );
    const request = aRequest(BRAND, memberId, 'member.day', {
      category: 'marketing',
      purpose: 'broadcast',
      variables: { day: '8' },
    });

    await publish(Topics.notificationRequests, request);

    const delivery = await deliveryOf(request.data.requestId);
    expect(delivery.status).toBe('suppressed');
    expect(delivery.decision_reason).toContain('sms: opted-out');
    const event = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.suppressed' && e.data['requestId'] === request.data.requestId,
    );
    expect(JSON.parse(event.value)).toMatchObject({
      causationId: request.id,
      data: { reason: expect.stringContaining('opted-out') as string, purpose: 'broadcast' },
    });
    expect(sink.messages().filter((m) => m.to === mobile)).toEqual([]);
    const history = await notifications.app.inject({
      url: `/v1/members/${memberId}/notifications`,
      headers,
    });
    expect(history.json()).toMatchObject({
      items: [{ status: 'suppressed', reason: expect.stringContaining('opted-out') as string }],
    });
  });

  it('R5: a marketing SMS due at 20:30 Shanghai time is deferred to 08:00 the next day, not sent, not dropped', async () => {
    clock.set(new Date('2026-03-02T12:30:00Z'));
    const { memberId, mobile } = await aKnownMember();
    const request = aRequest(BRAND, memberId, 'member.day', {
      category: 'marketing',
      purpose: 'broadcast',
      variables: { day: '8' },
    });

    await publish(Topics.notificationRequests, request);

    const delivery = await deliveryOf(request.data.requestId);
    expect(delivery).toMatchObject({ status: 'claimed', decision_reason: 'quiet-hours' });
    expect(delivery.not_before).toEqual(new Date('2026-03-03T00:00:00Z'));
    expect(sink.messages().filter((m) => m.to === mobile)).toEqual([]);
  });

  it('R5: with the care cap reached, a birthday greeting takes the place of a lower-priority care tip, which is deferred; every decision is recorded', async () => {
    clock.set(TEN_AM_SHANGHAI);
    const { memberId } = await aKnownMember();
    const thanks = aRequest(BRAND, memberId, 'purchase.thank_you', { purpose: 'thank-you' });
    await publish(Topics.notificationRequests, thanks);
    await eventually(async () =>
      expect(await deliveryOf(thanks.data.requestId)).toMatchObject({ status: 'sent' }),
    );

    // 22:00: care waits for 09:00; the tip takes the second and last care place of the week.
    clock.set(new Date('2026-03-02T14:00:00Z'));
    const tip = aRequest(BRAND, memberId, 'care.tips', { purpose: 'care-content' });
    await publish(Topics.notificationRequests, tip);
    const tipBefore = await deliveryOf(tip.data.requestId);
    expect(tipBefore.not_before).toEqual(new Date('2026-03-03T01:00:00Z'));

    const birthday = aRequest(BRAND, memberId, 'care.tips', { purpose: 'birthday' });
    await publish(Topics.notificationRequests, birthday);

    const greeting = await deliveryOf(birthday.data.requestId);
    expect(greeting).toMatchObject({ status: 'claimed' });
    expect(greeting.not_before).toEqual(new Date('2026-03-03T01:00:00Z'));
    const tipAfter = await eventually(async () => {
      const row = await deliveryOf(tip.data.requestId);
      expect(row.decision_reason).toMatch(/^frequency-cap: higher-priority delivery/);
      return row;
    });
    // A week after the thank-you, the first room under the cap, inside care hours.
    expect(tipAfter.not_before.getTime()).toBeGreaterThanOrEqual(
      new Date('2026-03-09T02:00:00Z').getTime(),
    );
    const decisions = await notifications.context
      .db('delivery_decisions')
      .where({ delivery_id: tipBefore.id })
      .orderBy('id')
      .pluck('decision');
    expect(decisions).toEqual(['deferred', 'bumped']);
  });
});

describe('delivery statistics', () => {
  it('counts the brand deliveries per day, channel and purpose, and refuses a reversed range', async () => {
    const stats = await eventually(async () => {
      const response = await notifications.app.inject({
        url: '/v1/notifications/statistics?from=2026-03-01&to=2026-03-31',
        headers,
      });
      expect(response.statusCode).toBe(200);
      const body = response.json<{ items: { purpose: string; channel: string }[] }>();
      expect(body.items.some((i) => i.purpose === 'win-back' && i.channel === 'staff-task')).toBe(
        true,
      );
      return body;
    });
    expect(stats).toMatchObject({ timeZone: 'Asia/Shanghai' });
    const reversed = await notifications.app.inject({
      url: '/v1/notifications/statistics?from=2026-03-31&to=2026-03-01',
      headers,
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ field: 'to' });
  });
});

describe('the brand messaging policy', () => {
  const otherBrand = identityHeaders({ brandId: 'brand-decide-policy' });
  const put = (payload: object) =>
    notifications.app.inject({
      method: 'PUT',
      url: '/v1/notification-policy',
      headers: otherBrand,
      payload,
    });

  it('answers the defaults until the brand sets its own parts; the parts it leaves out stay default', async () => {
    const before = await notifications.app.inject({
      url: '/v1/notification-policy',
      headers: otherBrand,
    });
    expect(before.json()).toMatchObject({
      timeZone: 'Asia/Shanghai',
      sms: { optOutText: '拒收请回复R', dailyLimitPerNumber: 50 },
      routes: { 'win-back': ['wechat', 'staff-task'] },
      caps: { marketing: { max: 1, windowDays: 3 }, care: { max: 2, windowDays: 7 } },
    });

    const saved = await put({ caps: { marketing: { max: 2, windowDays: 7 } } });

    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      caps: { marketing: { max: 2, windowDays: 7 } },
      routes: { survey: ['wechat', 'staff-task'] },
    });
    expect(saved.json<{ caps: object }>().caps).not.toHaveProperty('care');
  });

  it('refuses an unknown time zone, a bad pattern or an unknown channel, naming the field, and keeps what it had', async () => {
    const zone = await put({ timeZone: 'Mars/Olympus' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json()).toMatchObject({ field: 'timeZone' });
    const pattern = await put({ promotional: { variables: [], patterns: ['(unclosed'] } });
    expect(pattern.json()).toMatchObject({ field: 'promotional.patterns[0]' });
    const channel = await put({ routes: { survey: ['fax'] } });
    expect(channel.statusCode).toBe(400);
    expect(JSON.stringify(channel.json())).toContain('routes');

    const now = await notifications.app.inject({
      url: '/v1/notification-policy',
      headers: otherBrand,
    });
    expect(now.json()).toMatchObject({ timeZone: 'Asia/Shanghai' });
  });
});
