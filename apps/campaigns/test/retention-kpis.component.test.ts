import { randomUUID } from 'node:crypto';
import {
  aTestClock,
  aTopicNamespace,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as campaignsApp from '../src/app';

let campaigns: ServiceUnderTest;
const BRAND = `brand-kpis-${randomUUID().slice(0, 8)}`;
const headers = identityHeaders({ brandId: BRAND });
const clock = aTestClock(new Date('2026-06-15T02:00:00Z'));
const PERIOD = 'from=2026-05-01&to=2026-05-31';

beforeAll(async () => {
  const ns = await aTopicNamespace();
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      MEMBERS_URL: 'http://127.0.0.1:9',
      LAPSE_AT_RISK_DAYS: 180,
      LAPSE_CHURNED_DAYS: 365,
      // The rows below are the whole story: no background job adds to them.
      LAPSE_SCAN_POLL_MS: 3_600_000,
      CONTACT_PLAN_POLL_MS: 3_600_000,
      GREETING_POLL_MS: 3_600_000,
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;
const at = (local: string) => new Date(`${local}+08:00`);
const kpis = (query: string) =>
  campaigns.app.inject({ url: `/v1/retention-kpis?${query}`, headers });

const [m1, m2, m3, m4, m5, m6, h1, h2, h3] = [
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
  randomUUID(),
];

const purchase = (memberId: string, storeId: string, when: string, returned = false) =>
  db()('member_purchases').insert({
    purchase_id: randomUUID(),
    brand_id: BRAND,
    member_id: memberId,
    store_id: storeId,
    amount_fen: 100_000,
    returned_fen: returned ? 100_000 : 0,
    line_values_fen: JSON.stringify([100_000]),
    purchased_at: at(when),
  });

async function answered(memberId: string, storeId: string, score: number, when: string) {
  const id = randomUUID();
  await db()('surveys').insert({
    id,
    brand_id: BRAND,
    member_id: memberId,
    store_id: storeId,
    purchase_id: randomUUID(),
    due_at: at(when),
    status: 'answered',
    score,
    answered_at: at(when),
  });
  return id;
}

async function aCase(storeId: string, openedAt: string, resolvedAt: string | null) {
  await db()('cases').insert({
    id: randomUUID(),
    brand_id: BRAND,
    store_id: storeId,
    member_id: m2,
    survey_id: await answered(m2, storeId, 1, '2026-04-01T10:00:00'),
    status: resolvedAt ? 'resolved' : 'open',
    deadline_at: at(openedAt),
    opened_at: at(openedAt),
    resolved_at: resolvedAt && at(resolvedAt),
  });
}

const task = (memberId: string, storeId: string, due: string, status: string, outcome?: string) =>
  db()('staff_tasks').insert({
    id: randomUUID(),
    brand_id: BRAND,
    store_id: storeId,
    member_id: memberId,
    kind: 'follow-up-call',
    role: 'associate',
    title: 'call',
    due_at: at(due),
    status,
    outcome: outcome ?? null,
    source_key: `test:${randomUUID()}`,
    created_at: at(due),
    completed_at: status === 'open' ? null : at(due),
  });

async function journey(
  memberId: string,
  storeId: string,
  started: string,
  holdout: boolean,
  converted: boolean,
) {
  const id = randomUUID();
  await db()('win_back_journeys').insert({
    id,
    brand_id: BRAND,
    member_id: memberId,
    store_id: storeId,
    holdout,
    started_at: at(started),
    ended_at: converted ? at(started) : null,
    converted,
  });
  return id;
}

beforeAll(async () => {
  await db()('store_regions').insert([
    { brand_id: BRAND, store_id: 'S1', region_id: 'north' },
    { brand_id: BRAND, store_id: 'S2', region_id: 'north' },
    { brand_id: BRAND, store_id: 'S3', region_id: 'south' },
  ]);
  const member = (
    memberId: string,
    storeId: string,
    associateId: string | null,
    joined: string,
  ) => ({
    brand_id: BRAND,
    member_id: memberId,
    store_id: storeId,
    associate_id: associateId,
    registered_at: at(joined),
  });
  await db()('contact_plan_members').insert([
    member(m1, 'S1', 'assoc-1', '2025-01-01T10:00:00'),
    member(m2, 'S1', 'assoc-1', '2025-01-01T10:00:00'),
    member(m3, 'S2', 'assoc-2', '2025-01-01T10:00:00'),
    member(m4, 'S3', null, '2026-05-20T10:00:00'),
  ]);

  // Repurchase: m1 twice at S1; m2 once (the second purchase returned in full); m3 once at S2;
  // m4 once, on the period's last local day (its purchase late on 30 April is before the period).
  await purchase(m1, 'S1', '2026-05-03T10:00:00');
  await purchase(m1, 'S1', '2026-05-20T10:00:00');
  await purchase(m2, 'S1', '2026-05-10T10:00:00');
  await purchase(m2, 'S1', '2026-05-12T10:00:00', true);
  await purchase(m3, 'S2', '2025-10-01T10:00:00');
  await purchase(m3, 'S2', '2026-05-05T10:00:00');
  await purchase(m4, 'S3', '2026-04-30T23:30:00');
  await purchase(m4, 'S3', '2026-05-31T23:30:00');
  // Lapse at the period's end: m5 211 days idle (at risk), m6 425 days (churned).
  await purchase(m5, 'S1', '2025-11-01T10:00:00');
  await purchase(m6, 'S2', '2025-04-01T10:00:00');

  // Satisfaction: S1 5 and 2, S2 4; an S2 answer in June is outside.
  await answered(m1, 'S1', 5, '2026-05-04T10:00:00');
  await answered(m2, 'S1', 2, '2026-05-11T10:00:00');
  await answered(m3, 'S2', 4, '2026-05-06T10:00:00');
  await answered(m3, 'S2', 1, '2026-06-02T10:00:00');

  // Cases: S1 resolved in 30 h and 6 h; S2 one resolved in June, one still open.
  await aCase('S1', '2026-05-11T10:00:00', '2026-05-12T16:00:00');
  await aCase('S1', '2026-05-20T08:00:00', '2026-05-20T14:00:00');
  await aCase('S2', '2026-05-30T10:00:00', '2026-06-03T10:00:00');
  await aCase('S2', '2026-05-30T10:00:00', null);

  // Tasks due in May: S1 one done (reached m1), one open, one cancelled; S2 one done (no answer).
  await task(m1, 'S1', '2026-05-05T10:00:00', 'done', 'reached');
  await task(m2, 'S1', '2026-05-06T10:00:00', 'open');
  await task(m1, 'S1', '2026-05-07T10:00:00', 'cancelled');
  await task(m3, 'S2', '2026-05-08T10:00:00', 'done', 'no-answer');
  await task(m3, 'S2', '2026-06-05T10:00:00', 'done', 'reached');

  // Contacts in May: m1 a follow-up + the reached call + 1 May greeting = 3; m2 the greeting = 1;
  // m3 the greeting + a win-back message = 2; m4 (joined after 1 May) a birthday greeting = 1.
  await db()('follow_ups').insert({
    id: randomUUID(),
    brand_id: BRAND,
    member_id: m1,
    store_id: 'S1',
    purchase_id: randomUUID(),
    step: 'day-0-thank-you',
    template: 'purchase.thank_you',
    due_at: at('2026-05-03T10:00:00'),
    status: 'dispatched',
    created_at: at('2026-05-03T10:00:00'),
    dispatched_at: at('2026-05-03T10:00:00'),
  });
  for (const [key, day] of [
    ['holiday:2026:劳动节', '2026-05-01'],
    ['holiday:2026:儿童节', '2026-06-01'],
  ])
    await db()('greeting_occasions').insert({
      brand_id: BRAND,
      occasion_key: key,
      kind: 'holiday',
      name: key,
      local_date: day,
      greeted: 3,
      started_at: at(`${day}T00:00:00`),
      done_at: at(`${day}T00:01:00`),
    });
  await db()('greeting_members').insert({
    brand_id: BRAND,
    member_id: m4,
    home_store_id: 'S3',
    last_birthday_greeted_on: '2026-05-25',
  });

  // Win-back started in May: S1 touched 1 (converted), held out 2 (none); S2 touched 1 (not
  // converted, its "we miss you" sent), held out 1 (converted).
  await journey(m5, 'S1', '2026-05-02T10:00:00', false, true);
  const touched = await journey(m3, 'S2', '2026-05-15T10:00:00', false, false);
  await db()('win_back_steps').insert({
    id: randomUUID(),
    journey_id: touched,
    brand_id: BRAND,
    step: 'we-miss-you',
    due_at: at('2026-05-15T10:00:00'),
    status: 'done',
  });
  await journey(h1, 'S1', '2026-05-03T10:00:00', true, false);
  await journey(h3, 'S1', '2026-05-09T10:00:00', true, false);
  await journey(h2, 'S2', '2026-05-04T10:00:00', true, true);
});

describe('R12: retention KPIs by store, associate, region and brand', () => {
  it('by store: every figure from known rows', async () => {
    const response = await kpis(`${PERIOD}&groupBy=store`);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      groupBy: 'store',
      asOf: '2026-05-31T16:00:00.000Z',
      groups: [
        {
          key: 'S1',
          repurchase: { buyers: 2, repeatBuyers: 1, rate: 0.5 },
          members: { active: 2, atRisk: 1, churned: 0 },
          satisfaction: { answers: 2, average: 3.5 },
          caseResolution: { resolved: 2, averageHours: 18 },
          taskCompletion: { due: 2, done: 1, rate: 0.5 },
          contacts: { members: 2, contacts: 4, perMember: 2 },
          winBack: {
            journeys: 1,
            converted: 1,
            holdoutJourneys: 2,
            holdoutConverted: 0,
            conversionRate: 1,
            holdoutConversionRate: 0,
            lift: 1,
          },
        },
        {
          key: 'S2',
          repurchase: { buyers: 1, repeatBuyers: 0, rate: 0 },
          members: { active: 1, atRisk: 0, churned: 1 },
          satisfaction: { answers: 1, average: 4 },
          caseResolution: { resolved: 0, averageHours: null },
          taskCompletion: { due: 1, done: 1, rate: 1 },
          contacts: { members: 1, contacts: 2, perMember: 2 },
          winBack: {
            journeys: 1,
            converted: 0,
            holdoutJourneys: 1,
            holdoutConverted: 1,
            conversionRate: 0,
            holdoutConversionRate: 1,
            lift: -1,
          },
        },
        {
          key: 'S3',
          repurchase: { buyers: 1, repeatBuyers: 0, rate: 0 },
          members: { active: 1, atRisk: 0, churned: 0 },
          satisfaction: { answers: 0, average: null },
          caseResolution: { resolved: 0, averageHours: null },
          taskCompletion: { due: 0, done: 0, rate: null },
          contacts: { members: 1, contacts: 1, perMember: 1 },
          winBack: {
            journeys: 0,
            converted: 0,
            holdoutJourneys: 0,
            holdoutConverted: 0,
            conversionRate: null,
            holdoutConversionRate: null,
            lift: null,
          },
        },
      ],
    });
  });

  it('by brand: the whole chain, win-back as the lapse module reports it', async () => {
    const [brand] = (await kpis(`${PERIOD}&groupBy=brand`)).json<{ groups: object[] }>().groups;
    expect(brand).toEqual({
      key: BRAND,
      repurchase: { buyers: 4, repeatBuyers: 1, rate: 0.25 },
      members: { active: 4, atRisk: 1, churned: 1 },
      satisfaction: { answers: 3, average: 3.67 },
      caseResolution: { resolved: 2, averageHours: 18 },
      taskCompletion: { due: 3, done: 2, rate: 0.6667 },
      contacts: { members: 4, contacts: 7, perMember: 1.75 },
      winBack: {
        journeys: 2,
        converted: 1,
        holdoutJourneys: 3,
        holdoutConverted: 1,
        conversionRate: 0.5,
        holdoutConversionRate: 0.3333,
        lift: 0.1667,
      },
    });
    const results = await campaigns.app.inject({
      url: `/v1/win-back/results?${PERIOD}`,
      headers,
    });
    expect(results.json()).toEqual((brand as { winBack: object }).winBack);
  });

  it('by region and by serving associate: stores roll up, members follow who serves them', async () => {
    const byRegion = (await kpis(`${PERIOD}&groupBy=region`)).json<{ groups: object[] }>().groups;
    expect(byRegion).toEqual([
      expect.objectContaining({
        key: 'north',
        repurchase: { buyers: 3, repeatBuyers: 1, rate: 0.3333 },
        members: { active: 3, atRisk: 1, churned: 1 },
        satisfaction: { answers: 3, average: 3.67 },
      }),
      expect.objectContaining({
        key: 'south',
        contacts: { members: 1, contacts: 1, perMember: 1 },
      }),
    ]);
    const byAssociate = (await kpis(`${PERIOD}&groupBy=associate`)).json<{ groups: object[] }>()
      .groups;
    expect(byAssociate).toEqual([
      expect.objectContaining({
        key: 'assoc-1',
        members: { active: 2, atRisk: 0, churned: 0 },
        taskCompletion: { due: 2, done: 1, rate: 0.5 },
        contacts: { members: 2, contacts: 4, perMember: 2 },
      }),
      expect.objectContaining({
        key: 'assoc-2',
        contacts: { members: 1, contacts: 2, perMember: 2 },
      }),
      expect.objectContaining({
        key: null,
        members: { active: 1, atRisk: 1, churned: 1 },
        contacts: { members: 1, contacts: 1, perMember: 1 },
      }),
    ]);
  });

  it('bad input is a 400 problem naming the field', async () => {
    for (const [query, field] of [
      ['from=2026-05-01&to=2026-05-31', 'groupBy'],
      [`${PERIOD}&groupBy=planet`, 'groupBy'],
      ['from=2026-13-01&to=2026-05-31&groupBy=store', 'from'],
      ['from=2026-05-31&to=2026-05-01&groupBy=store', 'to'],
      ['to=2026-05-31&groupBy=store', 'from'],
    ] as const) {
      const response = await kpis(query);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json())).toContain(field);
    }
  });
});
