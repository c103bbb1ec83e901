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
import { startCadence } from '../src/domain/start-cadence.use-case';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-campaigns-test';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// This file never moves the clock, so steps stay pending; cadence-clock.component.test.ts moves it.
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
      // Nothing listens here: members is asked only about a member without steps, and is down.
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const aPurchaseRecorded = (memberId: string, purchasedAt: Date) =>
  aPurchaseRecordedEvent({ brandId: BRAND, memberId, purchasedAt });

const publish = (...events: ReturnType<typeof aPurchaseRecorded>[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(Topics.loyaltyEvents),
    events.map((event) => ({ key: event.memberId ?? null, value: JSON.stringify(event) })),
  );

const followUpsOf = async (memberId: string) =>
  (
    await campaigns.app.inject({
      url: `/v1/members/${memberId}/follow-ups`,
      headers: identityHeaders({ brandId: BRAND }),
    })
  ).json<{
    items: { purchaseId: string; step: string; status: string; reason: string | null }[];
  }>().items;

/** The member's steps as [which purchase, step, status, reason]. */
const stepsOf = async (memberId: string, names: Record<string, string>) =>
  (await followUpsOf(memberId)).map((f) => [names[f.purchaseId], f.step, f.status, f.reason]);

describe('R6: the follow-up cadence of a purchase', () => {
  it('when a purchase is recorded, then the day-0 thank-you is requested at once and the later steps wait', async () => {
    const memberId = randomUUID();

    await publish(aPurchaseRecorded(memberId, clock.now()));

    const request = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationRequests),
      (e) => e.type === 'notification.requested' && e.data['memberId'] === memberId,
    );
    expect(JSON.parse(request.value)).toMatchObject({
      brandId: BRAND,
      data: { template: 'purchase.thank_you', channel: 'sms', category: 'care' },
    });
    expect((await followUpsOf(memberId)).map((f) => [f.step, f.status])).toEqual([
      ['day-0-thank-you', 'dispatched'],
      ['day-3-follow-up', 'pending'],
      ['week-3-care-tips', 'pending'],
      ['month-3-cleaning-invitation', 'pending'],
    ]);
  });

  it('R6.1/R6.3: when a purchase back-dated 30 days arrives, then no thank-you and no day-3, and the next step ahead is scheduled', async () => {
    const memberId = randomUUID();
    const late = aPurchaseRecorded(memberId, new Date(clock.now().getTime() - 30 * DAY));

    await publish(late);

    await eventually(async () =>
      expect(await stepsOf(memberId, { [late.data.purchaseId]: 'late' })).toEqual([
        ['late', 'day-0-thank-you', 'skipped', 'late-purchase'],
        ['late', 'day-3-follow-up', 'skipped', 'late-purchase'],
        ['late', 'week-3-care-tips', 'skipped', 'late-purchase'],
        // The care series goes on: its second content (day 42) is still ahead.
        ['late', 'week-3-care-tips', 'pending', null],
        ['late', 'month-3-cleaning-invitation', 'pending', null],
      ]),
    );
  });

  it('R6.2/R6.4: when the member buys again the same day, then the cadence restarts and one thank-you covers the day', async () => {
    const memberId = randomUUID();
    const first = aPurchaseRecorded(memberId, new Date(clock.now().getTime() - MINUTE));
    const second = aPurchaseRecorded(memberId, clock.now());

    await publish(first, second);

    const names = { [first.data.purchaseId]: 'first', [second.data.purchaseId]: 'second' };
    await eventually(async () => {
      const steps = await stepsOf(memberId, names);
      expect(steps).toHaveLength(8);
      expect(steps).toEqual(
        expect.arrayContaining([
          ['first', 'day-0-thank-you', 'dispatched', null],
          ['first', 'day-3-follow-up', 'superseded', 'newer-purchase'],
          ['first', 'month-3-cleaning-invitation', 'superseded', 'newer-purchase'],
          ['second', 'day-0-thank-you', 'skipped', 'thanked-today'],
          ['second', 'day-3-follow-up', 'pending', null],
          ['second', 'month-3-cleaning-invitation', 'pending', null],
        ]),
      );
    });
  });

  it('R6.4: when a sale a minute older than the previous one arrives after it, then it does not supersede the newer cadence', async () => {
    const memberId = randomUUID();
    const newer = aPurchaseRecorded(memberId, clock.now());
    const older = aPurchaseRecorded(memberId, new Date(clock.now().getTime() - MINUTE));

    await publish(newer);
    await eventually(async () => expect(await followUpsOf(memberId)).toHaveLength(4));
    await publish(older);

    const names = { [newer.data.purchaseId]: 'newer', [older.data.purchaseId]: 'older' };
    await eventually(async () => {
      const steps = await stepsOf(memberId, names);
      expect(steps).toHaveLength(8);
      expect(steps).toEqual(
        expect.arrayContaining([
          ['newer', 'day-0-thank-you', 'dispatched', null],
          ['newer', 'day-3-follow-up', 'pending', null],
          ['newer', 'week-3-care-tips', 'pending', null],
          ['newer', 'month-3-cleaning-invitation', 'pending', null],
          ['older', 'day-0-thank-you', 'skipped', 'thanked-today'],
          ['older', 'day-3-follow-up', 'superseded', 'newer-purchase'],
          ['older', 'week-3-care-tips', 'superseded', 'newer-purchase'],
          ['older', 'month-3-cleaning-invitation', 'superseded', 'newer-purchase'],
        ]),
      );
    });
  });
});

describe('R6.2/R6.4: simultaneous purchases', () => {
  it('when twenty members each have two purchases applied at once, then each gets one thank-you and the newer cadence only', async () => {
    const deps = {
      clock,
      policy: { timeZone: 'Asia/Shanghai', lateGraceMs: 6 * 60 * MINUTE },
    };
    const members = Array.from({ length: 20 }, () => randomUUID());
    const purchaseAt = (memberId: string, at: Date) => ({
      brandId: BRAND,
      memberId,
      storeId: 'SH-001',
      purchaseId: randomUUID(),
      purchasedAt: at,
      correlationId: randomUUID(),
    });
    const pairs = members.map((memberId) => ({
      older: purchaseAt(memberId, new Date(clock.now().getTime() - MINUTE)),
      newer: purchaseAt(memberId, clock.now()),
    }));

    // Each member already has a cadence from last week, so their row exists and is contended.
    for (const memberId of members) {
      const lastWeek = purchaseAt(memberId, new Date(clock.now().getTime() - 7 * DAY));
      await campaigns.context.db.transaction((trx) => startCadence(trx, deps, lastWeek));
    }
    // Each purchase in its own transaction, all at once, half of the members' newer sale first.
    await Promise.all(
      pairs
        .flatMap(({ older, newer }, i) => (i % 2 === 0 ? [older, newer] : [newer, older]))
        .map((purchase) =>
          campaigns.context.db.transaction((trx) => startCadence(trx, deps, purchase)),
        ),
    );

    for (const { older, newer } of pairs) {
      const names = { [older.purchaseId]: 'older', [newer.purchaseId]: 'newer' };
      const owed = (await stepsOf(older.memberId, names)).filter(
        ([, , status]) => status === 'pending' || status === 'dispatched',
      );
      expect(owed).toHaveLength(4);
      expect(owed.filter(([which]) => which === undefined)).toHaveLength(0);
      expect(owed.filter(([, step]) => step === 'day-0-thank-you')).toHaveLength(1);
      expect(
        owed.filter(([which, step]) => which === 'newer' && step !== 'day-0-thank-you'),
      ).toHaveLength(3);
    }
  });
});

describe('a member without follow-up steps', () => {
  it('when the members service cannot be asked whether the member exists, then the list is 503 with Retry-After, not a 500', async () => {
    const response = await campaigns.app.inject({
      url: `/v1/members/${randomUUID()}/follow-ups`,
      headers: identityHeaders({ brandId: BRAND }),
    });

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json()).toMatchObject({ code: 'MEMBERS_UNAVAILABLE' });
  });
});
