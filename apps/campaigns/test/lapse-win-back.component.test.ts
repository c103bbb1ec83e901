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
import { dispatchWinBackSteps } from '../src/domain/lapse/dispatch-win-back-steps.use-case';
import type { LapsePolicy } from '../src/domain/lapse/lapse-policy';
import { scanLapses } from '../src/domain/lapse/scan-lapses.use-case';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-lapse-test';
const headers = identityHeaders({ brandId: BRAND });
const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));
const policy: LapsePolicy = {
  atRiskAfterDays: 180,
  churnedAfterDays: 365,
  holdoutPercent: 0,
  attributionDays: 30,
};

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      // The tests run the scan and the dispatch themselves, with the policy each one needs.
      LAPSE_SCAN_POLL_MS: 3_600_000,
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;
const scan = (p: LapsePolicy = policy) => scanLapses({ db: db(), clock, policy: p }, 500);
const dispatch = () => dispatchWinBackSteps({ db: db(), clock }, 500);

async function purchase(memberId: string) {
  const event = aPurchaseRecordedEvent({ brandId: BRAND, memberId, purchasedAt: clock.now() });
  await publishRaw(inject('kafkaBrokers'), topic(Topics.loyaltyEvents), [
    { key: memberId, value: JSON.stringify(event) },
  ]);
  await eventually(async () => {
    const row = (await db()('member_activity').where({ member_id: memberId }).first()) as
      { last_purchase_at: Date } | undefined;
    expect(row?.last_purchase_at.getTime()).toBe(clock.now().getTime());
  });
}

const stateOf = async (memberId: string) =>
  (
    (await db()('member_activity').where({ member_id: memberId }).first()) as {
      lapse_state: string;
    }
  ).lapse_state;

const journeysOf = (memberId: string) =>
  db()('win_back_journeys').where({ member_id: memberId }).orderBy('started_at');

const requested = (memberId: string, predicate: (data: Record<string, unknown>) => boolean) =>
  findMessage(
    inject('kafkaBrokers'),
    topic(Topics.notificationRequests),
    (e) =>
      e.type === 'notification.requested' && e.data['memberId'] === memberId && predicate(e.data),
  );

describe('R9: lapse and win-back', () => {
  it('a member 181 days without a purchase becomes at risk and is won back by the journey: message, manager call, and a purchase ends it as converted', async () => {
    const memberId = randomUUID();
    await purchase(memberId);
    clock.advance({ days: 179 });
    await scan();
    expect(await stateOf(memberId)).toBe('active');

    clock.advance({ days: 2 });
    await scan();
    expect(await stateOf(memberId)).toBe('at-risk');
    await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.campaignsEvents),
      (e) =>
        e.type === 'member.lapse-changed' &&
        e.data['memberId'] === memberId &&
        e.data['to'] === 'at-risk',
    );
    // A second scan (or another replica) moves nobody twice.
    await scan();
    expect(await journeysOf(memberId)).toHaveLength(1);

    await dispatch();
    const [journey] = await journeysOf(memberId);
    const missYou = await requested(memberId, (d) => d['purpose'] === 'win-back');
    expect(JSON.parse(missYou.value)).toMatchObject({
      data: { template: 'win_back.we_miss_you', dedupeKey: `win-back:${journey.id}:we-miss-you` },
    });

    clock.advance({ days: 7 });
    await dispatch();
    const tasks = await db()('staff_tasks').where({ member_id: memberId });
    expect(tasks).toMatchObject([{ kind: 'win-back-call', role: 'store-manager', status: 'open' }]);
    expect(await dispatch()).toBe(0);

    clock.advance({ days: 3 });
    await purchase(memberId);
    expect(await stateOf(memberId)).toBe('active');
    expect(await journeysOf(memberId)).toMatchObject([
      { end_reason: 'purchase', converted: true, holdout: false },
    ]);
    const steps = await db()('win_back_steps').where({ journey_id: journey.id }).orderBy('due_at');
    expect(steps.map((s: { step: string; status: string }) => [s.step, s.status])).toEqual([
      ['we-miss-you', 'done'],
      ['manager-call', 'done'],
      ['event-invitation', 'cancelled'],
    ]);
  });

  it('R9 attribution: a purchase more than 30 days after the last touch ends the journey but is not credited to it', async () => {
    const memberId = randomUUID();
    await purchase(memberId);
    clock.advance({ days: 181 });
    await scan();
    await dispatch();
    clock.advance({ days: 7 });
    await dispatch();
    clock.advance({ days: 14 });
    await dispatch();
    const [touched] = await journeysOf(memberId);
    expect(touched).toMatchObject({ last_touch_at: clock.now() });

    clock.advance({ days: 31 });
    await purchase(memberId);

    expect(await stateOf(memberId)).toBe('active');
    expect(await journeysOf(memberId)).toMatchObject([
      { end_reason: 'purchase', converted: false, holdout: false },
    ]);
  });

  it('a held-out member enters win-back but gets no touch, and still counts in the results', async () => {
    const memberId = randomUUID();
    await purchase(memberId);
    clock.advance({ days: 181 });
    await scan({ ...policy, holdoutPercent: 100 });
    expect(await journeysOf(memberId)).toMatchObject([{ holdout: true }]);
    clock.advance({ days: 30 });
    await dispatch();
    expect(await db()('staff_tasks').where({ member_id: memberId })).toEqual([]);
    expect(
      await db()('win_back_steps').whereIn(
        'journey_id',
        db()('win_back_journeys').select('id').where({ member_id: memberId }),
      ),
    ).toEqual([]);

    const results = await campaigns.app.inject({
      url: '/v1/win-back/results?from=2026-01-01&to=2030-12-31',
      headers,
    });
    expect(results.statusCode).toBe(200);
    const count = async (where: Record<string, boolean>) =>
      Number(
        ((await db()('win_back_journeys').where(where).count('* as n').first()) as { n: string }).n,
      );
    expect(results.json()).toMatchObject({
      journeys: await count({ holdout: false }),
      converted: await count({ holdout: false, converted: true }),
      holdoutJourneys: await count({ holdout: true }),
    });
    expect(results.json<{ holdoutJourneys: number }>().holdoutJourneys).toBeGreaterThan(0);
  });

  it('a year without a purchase is churn: the journey ends, the member is asked why, and reasons are tallied', async () => {
    const memberId = randomUUID();
    await purchase(memberId);
    clock.advance({ days: 200 });
    await scan();
    clock.advance({ days: 170 });
    await scan();
    expect(await stateOf(memberId)).toBe('churned');
    expect(await journeysOf(memberId)).toMatchObject([{ end_reason: 'churned', converted: false }]);
    await requested(memberId, (d) => d['template'] === 'survey.churn_reason');

    const answer = (body: unknown) =>
      campaigns.app.inject({
        method: 'POST',
        url: `/v1/members/${memberId}/churn-reasons`,
        headers,
        payload: body as object,
      });
    expect(
      (await answer({ reasonCode: 'associate-left', note: '熟悉的店员离职了' })).statusCode,
    ).toBe(201);
    const bad = await answer({ reasonCode: 'weather' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('reasonCode');
    const tally = await campaigns.app.inject({
      url: '/v1/churn-reasons?from=2026-01-01&to=2030-12-31',
      headers,
    });
    expect(tally.json()).toEqual({ items: [{ reasonCode: 'associate-left', count: 1 }] });
    const backwards = await campaigns.app.inject({
      url: '/v1/churn-reasons?from=2027-01-01&to=2026-01-01',
      headers,
    });
    expect(backwards.statusCode).toBe(400);
  });
});
