import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
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
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as notificationsApp from '../src/app';
import { aMobile, aRequest, memberRegistered, memberUpdated } from './notification-events';

const BRAND = 'brand-erasure-notifications';
const pii = createPiiCipher(TEST_PII_KEY);
// 14:00Z is 22:00 in Shanghai: transactional messages go at once, care waits for 09:00.
const clock = aTestClock(new Date('2026-03-02T14:00:00Z'));
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

const db = () => notifications.context.db;
const publish = (name: string, ...events: { memberId?: string }[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(name),
    events.map((event) => ({ key: event.memberId ?? null, value: JSON.stringify(event) })),
  );
const deliveryOf = (requestId: string) =>
  eventually(async () => {
    const row = (await db()('deliveries').where({ request_id: requestId }).first()) as
      { id: string; status: string; decision_reason: string | null; text: string } | undefined;
    expect(row).toBeDefined();
    return row as NonNullable<typeof row>;
  });

describe('PIPL erasure in notifications', () => {
  it('when member.erased arrives, then the contact keeps nothing personal, sent texts are blank, the number is forgotten and waiting deliveries are suppressed with reason erased', async () => {
    const memberId = randomUUID();
    const mobile = aMobile();
    const registered = memberRegistered(pii, BRAND, memberId, mobile);
    await publish(
      Topics.membersEvents,
      registered,
      memberUpdated(BRAND, memberId, { wechatOpenId: 'oWx-erasure-1' }),
    );
    await eventually(async () =>
      expect(await db()('contacts').where({ member_id: memberId }).first()).toMatchObject({
        wechat_openid: 'oWx-erasure-1',
      }),
    );
    const sent = aRequest(BRAND, memberId, 'purchase.thank_you', {
      channel: 'sms',
      category: 'transactional',
      purpose: 'thank-you',
    });
    const waiting = aRequest(BRAND, memberId, 'greeting.holiday', {
      channel: 'sms',
      purpose: 'holiday',
      variables: { occasion: '中秋节' },
    });
    await publish(Topics.notificationRequests, sent, waiting);
    await eventually(async () =>
      expect(await deliveryOf(sent.data.requestId)).toMatchObject({ status: 'sent' }),
    );
    expect(await deliveryOf(waiting.data.requestId)).toMatchObject({
      status: 'claimed',
      decision_reason: 'quiet-hours',
    });
    expect(await db()('sms_recipients').where({ member_id: memberId })).toHaveLength(1);

    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.erased',
        brandId: BRAND,
        memberId,
        data: { memberId, erasedAt: new Date().toISOString() },
      }),
    );

    const contact = await eventually(async () => {
      const row = (await db()('contacts').where({ member_id: memberId }).first()) as Record<
        string,
        unknown
      >;
      expect(row['erased_at']).not.toBeNull();
      return row;
    });
    expect(contact).toMatchObject({
      name: null,
      mobile_encrypted: null,
      mobile_masked: null,
      email_encrypted: null,
      wechat_openid: null,
    });
    const forgotten = [registered.data.name, registered.data.mobileEncrypted, 'oWx-erasure-1'];
    const leftovers = (
      await db().raw<{ rows: { text: string }[] }>(
        `select row_to_json(t)::text as text from contacts t where member_id = ?
       union all select row_to_json(d)::text from deliveries d where member_id = ?`,
        [memberId, memberId],
      )
    ).rows.filter(({ text }) => forgotten.some((value) => text.includes(value)));
    expect(leftovers).toEqual([]);
    expect(await db()('deliveries').where({ member_id: memberId }).pluck('text')).toEqual(['', '']);
    expect(await db()('sms_recipients').where({ member_id: memberId })).toEqual([]);
    const suppressed = await deliveryOf(waiting.data.requestId);
    expect(suppressed).toMatchObject({ status: 'suppressed', decision_reason: 'erased' });
    expect(await db()('delivery_decisions').where({ delivery_id: suppressed.id })).toContainEqual(
      expect.objectContaining({ decision: 'suppressed', reason: 'erased' }),
    );
    const event = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationEvents),
      (e) => e.type === 'notification.suppressed' && e.data['deliveryId'] === suppressed.id,
    );
    expect(JSON.parse(event.value)).toMatchObject({ data: { reason: 'erased', memberId } });

    // A request that arrives after the erasure is suppressed too, never sent.
    const late = aRequest(BRAND, memberId, 'purchase.thank_you', {
      channel: 'sms',
      category: 'transactional',
      purpose: 'thank-you',
    });
    await publish(Topics.notificationRequests, late);
    expect(await deliveryOf(late.data.requestId)).toMatchObject({ status: 'suppressed' });
    expect(sink.messages().filter((m) => m.to === mobile)).toHaveLength(1);
  });
});
