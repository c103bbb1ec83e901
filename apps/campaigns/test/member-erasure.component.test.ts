import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aPurchaseRecordedEvent,
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startServiceUnderTest,
  waitForConsumersToCatchUp,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../src/app';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-erasure-campaigns';
// The clock never moves here, so the later cadence steps stay pending.
const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      BRAND_TIME_ZONE: 'Asia/Shanghai',
      FOLLOW_UP_POLL_MS: 100,
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;
const publish = (name: string, ...events: { memberId?: string }[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(name),
    events.map((event) => ({ key: event.memberId ?? null, value: JSON.stringify(event) })),
  );

/** A call and a win-back journey under way for the member, as the cadence and lapse scan leave them. */
async function plannedCareOf(memberId: string) {
  const now = clock.now();
  await db()('staff_tasks').insert({
    id: randomUUID(),
    brand_id: BRAND,
    store_id: 'SH-001',
    member_id: memberId,
    kind: 'follow-up-call',
    role: 'associate',
    title: '三天回访',
    due_at: now,
    source_key: `erasure-test:${memberId}`,
    created_at: now,
  });
  const journeyId = randomUUID();
  await db()('win_back_journeys').insert({
    id: journeyId,
    brand_id: BRAND,
    member_id: memberId,
    store_id: 'SH-001',
    holdout: false,
    started_at: now,
  });
  await db()('win_back_steps').insert({
    id: randomUUID(),
    journey_id: journeyId,
    brand_id: BRAND,
    step: 'we-miss-you',
    due_at: new Date(now.getTime() + 86_400_000),
  });
}

describe('PIPL erasure in campaigns', () => {
  it('when member.erased arrives, then pending follow-ups, surveys, tasks and the win-back journey are called off and the greeting and activity projections go', async () => {
    const memberId = randomUUID();
    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.registered',
        brandId: BRAND,
        memberId,
        data: {
          memberId,
          cardNumber: `C${memberId.slice(0, 8)}`,
          name: 'Li',
          mobileEncrypted: 'x',
          mobileMasked: '138****0000',
          birthday: '1990-07-01',
          birthdayCalendar: 'lunar',
          homeStoreId: 'SH-001',
          registeredAt: clock.now().toISOString(),
        },
      }),
    );
    await publish(
      Topics.loyaltyEvents,
      aPurchaseRecordedEvent({ brandId: BRAND, memberId, purchasedAt: clock.now() }),
    );
    await eventually(async () => {
      expect(await db()('greeting_members').where({ member_id: memberId })).toHaveLength(1);
      expect(await db()('member_activity').where({ member_id: memberId })).toHaveLength(1);
      expect(
        await db()('follow_ups').where({ member_id: memberId, status: 'pending' }),
      ).not.toHaveLength(0);
      expect(await db()('surveys').where({ member_id: memberId, status: 'pending' })).toHaveLength(
        1,
      );
    });
    await plannedCareOf(memberId);

    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.erased',
        brandId: BRAND,
        memberId,
        data: { memberId, erasedAt: clock.now().toISOString() },
      }),
    );

    await eventually(async () => {
      expect(await db()('greeting_members').where({ member_id: memberId })).toEqual([]);
      expect(await db()('member_activity').where({ member_id: memberId })).toEqual([]);
      expect(await db()('follow_ups').where({ member_id: memberId, status: 'pending' })).toEqual(
        [],
      );
    });
    expect(
      await db()('follow_ups')
        .where({ member_id: memberId, status: 'skipped', reason: 'erased' })
        .count('* as n')
        .first(),
    ).not.toEqual({ n: '0' });
    expect(await db()('surveys').where({ member_id: memberId }).pluck('status')).toEqual([
      'cancelled',
    ]);
    expect(await db()('staff_tasks').where({ member_id: memberId })).toEqual([
      expect.objectContaining({ status: 'cancelled', notes: 'erased' }),
    ]);
    expect(await db()('win_back_journeys').where({ member_id: memberId })).toEqual([
      expect.objectContaining({ end_reason: 'erased', ended_at: expect.any(Date) }),
    ]);
    expect(
      await db()('win_back_steps')
        .join('win_back_journeys', 'win_back_journeys.id', 'win_back_steps.journey_id')
        .where({ member_id: memberId })
        .pluck('status'),
    ).toEqual(['cancelled']);
  });

  it('when a purchase recorded before the erasure is read after it, then nothing is planned for the erased member', async () => {
    const memberId = randomUUID();
    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.erased',
        brandId: BRAND,
        memberId,
        data: { memberId, erasedAt: clock.now().toISOString() },
      }),
    );
    await eventually(async () =>
      expect(await db()('erased_members').where({ member_id: memberId })).toHaveLength(1),
    );

    await publish(
      Topics.loyaltyEvents,
      aPurchaseRecordedEvent({ brandId: BRAND, memberId, purchasedAt: clock.now() }),
    );

    await waitForConsumersToCatchUp(
      inject('kafkaBrokers'),
      [
        'campaigns.follow-up-cadence',
        'campaigns.member-activity',
        'campaigns.satisfaction-survey',
      ].map((groupId) => ({ groupId: topic(groupId), topic: topic(Topics.loyaltyEvents) })),
    );
    expect(await db()('follow_ups').where({ member_id: memberId })).toEqual([]);
    expect(await db()('surveys').where({ member_id: memberId })).toEqual([]);
    expect(await db()('member_activity').where({ member_id: memberId })).toEqual([]);
  });
});
