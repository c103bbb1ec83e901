import { randomUUID } from 'node:crypto';
import { Topics } from '@laoke/contracts';
import {
  aPurchaseRecordedEvent,
  aTestClock,
  aTopicNamespace,
  eventually,
  findMessage,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../src/app';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-cadence-clock-test';
const DAY = 24 * 3_600_000;
// 14:30 in Shanghai; the tests below move it forward, in order.
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
      FOLLOW_UP_LATE_GRACE_MINUTES: 360,
      // Nothing listens here: every member these tests list has steps, so members is never asked.
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const publishPurchase = async (memberId: string, purchasedAt: Date) => {
  const event = aPurchaseRecordedEvent({ brandId: BRAND, memberId, purchasedAt });
  await publishRaw(inject('kafkaBrokers'), topic(Topics.loyaltyEvents), [
    { key: memberId, value: JSON.stringify(event) },
  ]);
};

const statusesOf = async (memberId: string) =>
  (
    await campaigns.app.inject({
      url: `/v1/members/${memberId}/follow-ups`,
      headers: identityHeaders({ brandId: BRAND }),
    })
  )
    .json<{ items: { step: string; status: string }[] }>()
    .items.map((f) => [f.step, f.status]);

const requested = (memberId: string, template: string) =>
  findMessage(
    inject('kafkaBrokers'),
    topic(Topics.notificationRequests),
    (e) =>
      e.type === 'notification.requested' &&
      e.data['memberId'] === memberId &&
      e.data['template'] === template,
  );

const callTasksOf = (memberId: string) =>
  campaigns.context
    .db('staff_tasks')
    .where({ brand_id: BRAND, member_id: memberId, kind: 'cadence-follow-up-call' });

describe('R6: cadence steps fall due as the clock moves', () => {
  it('when the clock reaches day 3, week 3 and month 3, then each step fires then and not before', async () => {
    const memberId = randomUUID();
    await publishPurchase(memberId, clock.now());
    await requested(memberId, 'purchase.thank_you');
    expect(await statusesOf(memberId)).toEqual([
      ['day-0-thank-you', 'dispatched'],
      ['day-3-follow-up', 'pending'],
      ['week-3-care-tips', 'pending'],
      ['month-3-cleaning-invitation', 'pending'],
    ]);
    expect(await callTasksOf(memberId)).toHaveLength(0);

    clock.advance({ days: 3 });
    await eventually(async () => expect(await callTasksOf(memberId)).toHaveLength(1));
    expect((await statusesOf(memberId)).map(([, status]) => status)).toEqual([
      'dispatched',
      'dispatched',
      'pending',
      'pending',
    ]);

    clock.advance({ days: 18 });
    await requested(memberId, 'care.tips');
    // Only the next care content is stored, once the first has gone out.
    await eventually(async () =>
      expect(await statusesOf(memberId)).toEqual([
        ['day-0-thank-you', 'dispatched'],
        ['day-3-follow-up', 'dispatched'],
        ['week-3-care-tips', 'dispatched'],
        ['week-3-care-tips', 'pending'],
        ['month-3-cleaning-invitation', 'pending'],
      ]),
    );

    // 69 days at once: the care contents of days 42, 63 and 84 fall due together; one goes out
    // and the others coalesce with it. The next of each series waits.
    clock.advance({ days: 69 });
    await requested(memberId, 'care.cleaning_invitation');
    await eventually(async () =>
      expect((await statusesOf(memberId)).filter(([, status]) => status === 'pending')).toEqual([
        ['week-3-care-tips', 'pending'],
        ['month-3-cleaning-invitation', 'pending'],
      ]),
    );
  });

  it('R6.3: when a purchase back-dated 30 days arrives, then nothing past is caught up: the next care content and month 3 come on their days', async () => {
    const memberId = randomUUID();
    await publishPurchase(memberId, new Date(clock.now().getTime() - 30 * DAY));
    await eventually(async () =>
      expect(await statusesOf(memberId)).toEqual([
        ['day-0-thank-you', 'skipped'],
        ['day-3-follow-up', 'skipped'],
        ['week-3-care-tips', 'skipped'],
        ['week-3-care-tips', 'pending'],
        ['month-3-cleaning-invitation', 'pending'],
      ]),
    );

    clock.advance({ days: 12 });
    await requested(memberId, 'care.quality_guide');
    clock.advance({ days: 49 });
    await requested(memberId, 'care.cleaning_invitation');
    await eventually(async () =>
      expect((await statusesOf(memberId)).slice(0, 5).map(([, status]) => status)).toEqual([
        'skipped',
        'skipped',
        'skipped',
        'dispatched',
        'dispatched',
      ]),
    );
    expect(await callTasksOf(memberId)).toHaveLength(0);
  });
});
