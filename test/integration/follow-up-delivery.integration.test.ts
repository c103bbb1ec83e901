import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import { createPiiCipher, maskMobile } from '@laoke/platform';
import {
  aPurchaseRecordedEvent,
  TEST_PII_KEY,
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startProviderSink,
  startServiceUnderTest,
  waitForConsumersToCatchUp,
  type ProviderSink,
  type RawMessage,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../../apps/campaigns/src/app';
import * as notificationsApp from '../../apps/notifications/src/app';

const BRAND = 'brand-follow-up-delivery-test';
const MINUTE = 60_000;
const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));
const pii = createPiiCipher(TEST_PII_KEY);
const brokers = () => inject('kafkaBrokers');
let topic: (name: string) => string;
let sink: ProviderSink;
let campaigns: ServiceUnderTest;
let campaignsReplica: ServiceUnderTest;
let notifications: ServiceUnderTest;

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  sink = await startProviderSink();
  const campaignsConfig = {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'campaigns',
    BRAND_TIME_ZONE: 'Asia/Shanghai',
    FOLLOW_UP_POLL_MS: 100,
    FOLLOW_UP_LATE_GRACE_MINUTES: 360,
    // Nothing listens here: every member these tests list has steps, so members is never asked.
    MEMBERS_URL: 'http://127.0.0.1:9',
  };
  campaigns = await startServiceUnderTest(campaignsApp, campaignsConfig, { clock });
  // A second replica on the same database shares the partitions, so one member's purchases
  // keyed to different partitions are applied at the same time.
  campaignsReplica = await startServiceUnderTest(
    campaignsApp,
    { ...campaignsConfig, DATABASE_URL: campaigns.context.config.DATABASE_URL },
    { clock },
  );
  notifications = await startServiceUnderTest(
    notificationsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'notifications',
      PII_ENCRYPTION_KEY: TEST_PII_KEY,
      SMS_PROVIDER_URL: `${sink.url}/sms`,
      MEMBERS_URL: 'http://127.0.0.1:9',
      SMS_SIGNATURE: '【金缘珠宝】',
      UNKNOWN_MEMBER_GRACE_MS: 15_000,
      DELIVERY_RESEND_AFTER_MS: 60_000,
      DELIVERY_MAX_ATTEMPTS: 10,
      DELIVERY_RECOVERY_INTERVAL_MS: 1_000,
    },
    { clock },
  );
});
afterAll(async () => {
  await notifications?.close();
  await campaignsReplica?.close();
  await campaigns?.close();
  await sink?.stop();
});

const asMessage = (event: { memberId?: string }, key = event.memberId): RawMessage => ({
  key: key ?? null,
  value: JSON.stringify(event),
});

/** Members known to notifications, each with a mobile of their own. */
async function someMembers(count: number) {
  const members = Array.from({ length: count }, () => ({
    memberId: randomUUID(),
    mobile: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  }));
  const registered = members.map(({ memberId, mobile }) =>
    createEvent({
      type: 'member.registered',
      brandId: BRAND,
      memberId,
      data: {
        memberId,
        cardNumber: `VIP${memberId.slice(0, 10)}`,
        name: '陈静',
        mobileEncrypted: pii.encrypt(mobile),
        mobileMasked: maskMobile(mobile),
        homeStoreId: 'SH-001',
        registeredAt: clock.now().toISOString(),
      },
    }),
  );
  await publishRaw(
    brokers(),
    topic(Topics.membersEvents),
    registered.map((e) => asMessage(e)),
  );
  await waitForConsumersToCatchUp(brokers(), [
    { groupId: topic('notifications.contacts'), topic: topic(Topics.membersEvents) },
  ]);
  return members;
}

const aPurchaseRecorded = (memberId: string, purchasedAt: Date) =>
  aPurchaseRecordedEvent({ brandId: BRAND, memberId, purchasedAt });

/** Waits until every purchase is applied, every due step requested and every request delivered. */
async function settled(): Promise<void> {
  await waitForConsumersToCatchUp(brokers(), [
    { groupId: topic('campaigns.follow-up-cadence'), topic: topic(Topics.loyaltyEvents) },
  ]);
  await eventually(async () => {
    const db = campaigns.context.db;
    const due = await db('follow_ups')
      .where('status', 'pending')
      .andWhere('due_at', '<=', clock.now())
      .count<{ count: string }[]>('* as count');
    const unpublished = await db('outbox')
      .whereNull('published_at')
      .count<{ count: string }[]>('* as count');
    expect(Number(due[0]?.count) + Number(unpublished[0]?.count)).toBe(0);
  });
  await waitForConsumersToCatchUp(brokers(), [
    { groupId: topic('notifications.deliveries'), topic: topic(Topics.notificationRequests) },
  ]);
}

const KIND_BY_TEXT: [RegExp, string][] = [
  [/感谢您今天的光临/, 'thank-you'],
  [/佩戴感受如何/, 'day-3'],
  [/小贴士/, 'week-3'],
  [/小知识/, 'care-content'],
  [/免费清洗保养/, 'month-3'],
];

/** What each member's phone received, as message kinds in arrival order. */
const receivedBy = (mobile: string) =>
  sink
    .messages()
    .filter((m) => m.to === mobile)
    .map((m) => KIND_BY_TEXT.find(([text]) => text.test(m.text))?.[1] ?? m.text);

/** The send stage works after the consumers: wait until every phone shows what it is owed. */
const allReceived = (members: { mobile: string }[], kinds: string[]) =>
  eventually(() => {
    for (const { mobile } of members) expect(receivedBy(mobile)).toEqual(kinds);
  });

describe('R6 at the phone: late and simultaneous purchases', () => {
  it('R6.2/R6.4: when a sale a minute older than the previous one is uploaded after it, then the member still has one thank-you', async () => {
    const [member] = await someMembers(1);
    if (!member) throw new Error('no member');
    const newer = aPurchaseRecorded(member.memberId, clock.now());
    const older = aPurchaseRecorded(member.memberId, new Date(clock.now().getTime() - MINUTE));

    await publishRaw(brokers(), topic(Topics.loyaltyEvents), [asMessage(newer)]);
    await eventually(() => expect(receivedBy(member.mobile)).toEqual(['thank-you']));
    await publishRaw(brokers(), topic(Topics.loyaltyEvents), [asMessage(older)]);
    await settled();

    expect(receivedBy(member.mobile)).toEqual(['thank-you']);
  });

  it('R6: when twenty members each send two purchases at once, then each phone gets one thank-you, then the week-3 care content as the clock reaches it, and month 3 becomes a staff task', async () => {
    const members = await someMembers(20);
    // The older sale is keyed by its own id, so it may land on another partition than the newer
    // one and be applied before, after or at the same time as it.
    const purchases = members.flatMap(({ memberId }) => {
      const older = aPurchaseRecorded(memberId, new Date(clock.now().getTime() - MINUTE));
      const newer = aPurchaseRecorded(memberId, clock.now());
      return [asMessage(older, older.data.purchaseId), asMessage(newer)];
    });

    await publishRaw(brokers(), topic(Topics.loyaltyEvents), purchases);
    await settled();
    await allReceived(members, ['thank-you']);

    // Day 3 is a call on the store's list (R6), not a message; the phone hears nothing new. The
    // satisfaction surveys due since day 1 go out now too: wait for them, or they would fall
    // due with the week-3 care content and take the week's care cap before it.
    clock.advance({ days: 3 });
    await settled();
    await eventually(async () => {
      const surveys = await campaigns.context
        .db('surveys')
        .whereIn(
          'member_id',
          members.map((m) => m.memberId),
        )
        .where({ status: 'pending' })
        .count<{ count: string }[]>('* as count');
      expect(Number(surveys[0]?.count)).toBe(0);
    });
    await settled();
    const expected = ['thank-you'];
    clock.advance({ days: 18 });
    expected.push('week-3');
    await settled();
    await allReceived(members, expected);

    // Store-visit invitations never go by promotional SMS: without WeChat, a staff task (issue 8).
    // The care contents of days 42, 63 and 84 fall due at once: one comes, the others coalesce.
    clock.advance({ days: 69 });
    expected.push('care-content');
    await settled();
    await eventually(async () => {
      const invitations = await notifications.context
        .db('deliveries')
        .whereIn(
          'member_id',
          members.map((m) => m.memberId),
        )
        .where({ purpose: 'maintenance-invitation' })
        .pluck('channel');
      expect(invitations).toEqual(members.map(() => 'staff-task'));
    });
    await allReceived(members, expected);
  });
});
