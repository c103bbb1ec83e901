import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aPurchaseRecordedEvent,
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../src/app';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
let groupPrefix: string;
const BRAND = 'brand-referral-test';
const clock = aTestClock(new Date('2026-05-12T02:00:00Z')); // 10:00 in Shanghai

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  groupPrefix = ns.prefix;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      MEMBERS_URL: 'http://127.0.0.1:9',
      REFERRAL_FOLLOW_UP_DAYS: 5,
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;
const brokers = () => inject('kafkaBrokers');

const referred = async (memberId: string, referrerMemberId: string) => {
  const event = createEvent({
    type: 'member.referred',
    brandId: BRAND,
    memberId,
    data: { memberId, referrerMemberId, via: 'card-number', referredAt: clock.now().toISOString() },
  });
  await publishRaw(brokers(), topic(Topics.membersEvents), [
    { key: memberId, value: JSON.stringify(event) },
  ]);
  return event;
};

const purchased = async (memberId: string) => {
  const event = aPurchaseRecordedEvent({ brandId: BRAND, memberId, purchasedAt: clock.now() });
  await publishRaw(brokers(), topic(Topics.loyaltyEvents), [
    { key: memberId, value: JSON.stringify(event) },
  ]);
  return event;
};

const processed = (eventId: string) =>
  eventually(async () =>
    expect(
      await db()('processed_events')
        .where({ consumer: `${groupPrefix}campaigns.referrals`, event_id: eventId })
        .first(),
    ).toBeDefined(),
  );

type Requested = { memberId: string; purpose: string; dedupeKey: string; expiresAt: string };
const referralRequests = async (...memberIds: string[]): Promise<Requested[]> => {
  const rows: { payload: { data: Requested } }[] = await db()('outbox')
    .where({ event_type: 'notification.requested' })
    .whereRaw("payload->'data'->>'memberId' = any(?)", [memberIds])
    .whereRaw("payload->'data'->>'dedupeKey' like 'referral:%'")
    .orderBy('position');
  return rows.map((r) => r.payload.data);
};

const followUpTasks = (memberId: string) =>
  db()('staff_tasks').where({ member_id: memberId, kind: 'referral-follow-up' });

describe('R7: a referred member’s first purchase', () => {
  it('thanks the referrer and welcomes the new member the same day, and asks for a follow-up call within a week, once', async () => {
    const [friend, referrer] = [randomUUID(), randomUUID()];
    await processed((await referred(friend, referrer)).id);
    expect(await referralRequests(friend, referrer)).toEqual([]);

    await processed((await purchased(friend)).id);
    await processed((await purchased(friend)).id);

    const endOfShanghaiDay = '2026-05-12T15:59:59.999Z';
    expect(await referralRequests(friend, referrer)).toEqual([
      expect.objectContaining({
        memberId: referrer,
        purpose: 'referral-thanks',
        dedupeKey: `referral:${friend}:thanks`,
        expiresAt: endOfShanghaiDay,
      }),
      expect.objectContaining({
        memberId: friend,
        purpose: 'welcome',
        dedupeKey: `referral:${friend}:welcome`,
        expiresAt: endOfShanghaiDay,
      }),
    ]);
    const tasks = await followUpTasks(friend);
    expect(tasks).toHaveLength(1);
    expect((tasks[0] as { due_at: Date }).due_at).toEqual(new Date('2026-05-17T02:00:00Z'));
  });

  it('is welcomed once when the purchase arrives before the referral', async () => {
    const [friend, referrer] = [randomUUID(), randomUUID()];
    await processed((await purchased(friend)).id);
    await processed((await referred(friend, referrer)).id);

    expect((await referralRequests(friend, referrer)).map((r) => r.purpose)).toEqual([
      'referral-thanks',
      'welcome',
    ]);
    expect(await followUpTasks(friend)).toHaveLength(1);
  });

  it('a member nobody referred gets no referral messages', async () => {
    const member = randomUUID();
    await processed((await purchased(member)).id);
    expect(await referralRequests(member)).toEqual([]);
    expect(await followUpTasks(member)).toHaveLength(0);
  });

  it('an erased member’s referral is forgotten and welcomes no later purchase', async () => {
    const [friend, referrer] = [randomUUID(), randomUUID()];
    await processed((await referred(friend, referrer)).id);
    const erased = createEvent({
      type: 'member.erased',
      brandId: BRAND,
      memberId: friend,
      data: { memberId: friend, erasedAt: clock.now().toISOString() },
    });
    await publishRaw(brokers(), topic(Topics.membersEvents), [
      { key: friend, value: JSON.stringify(erased) },
    ]);
    await processed(erased.id);
    expect(await db()('referrals').where({ member_id: friend })).toEqual([]);

    await processed((await purchased(friend)).id);
    expect(await referralRequests(friend, referrer)).toEqual([]);
  });
});
