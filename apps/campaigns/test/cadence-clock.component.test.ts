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

describe('R6: cadence steps fall due as the clock moves', () => {
  it('when the clock reaches day 3, week 3 and month 3, then each step is requested then and not before', async () => {
    const memberId = randomUUID();
    await publishPurchase(memberId, clock.now());
    await requested(memberId, 'purchase.thank_you');
    expect(await statusesOf(memberId)).toEqual([
      ['day-0-thank-you', 'dispatched'],
      ['day-3-follow-up', 'pending'],
      ['week-3-care-tips', 'pending'],
      ['month-3-cleaning-invitation', 'pending'],
    ]);

    clock.advance({ days: 3 });
    await requested(memberId, 'purchase.day3_follow_up');
    expect((await statusesOf(memberId)).map(([, status]) => status)).toEqual([
      'dispatched',
      'dispatched',
      'pending',
      'pending',
    ]);

    clock.advance({ days: 18 });
    await requested(memberId, 'care.tips');
    expect((await statusesOf(memberId))[3]).toEqual(['month-3-cleaning-invitation', 'pending']);

    clock.advance({ days: 69 });
    await requested(memberId, 'care.cleaning_invitation');
    await eventually(async () =>
      expect((await statusesOf(memberId)).map(([, status]) => status)).toEqual([
        'dispatched',
        'dispatched',
        'dispatched',
        'dispatched',
      ]),
    );
  });

  it('R6.3: when a purchase back-dated 30 days arrives, then only its month-3 step is ever requested, when its day comes', async () => {
    const memberId = randomUUID();
    await publishPurchase(memberId, new Date(clock.now().getTime() - 30 * DAY));
    await eventually(async () =>
      expect(await statusesOf(memberId)).toEqual([
        ['day-0-thank-you', 'skipped'],
        ['day-3-follow-up', 'skipped'],
        ['week-3-care-tips', 'skipped'],
        ['month-3-cleaning-invitation', 'pending'],
      ]),
    );

    clock.advance({ days: 61 });
    await requested(memberId, 'care.cleaning_invitation');
    expect((await statusesOf(memberId)).map(([, status]) => status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'dispatched',
    ]);
  });
});
