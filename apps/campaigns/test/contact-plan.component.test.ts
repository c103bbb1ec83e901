import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../src/app';
import { planContactCalls } from '../src/domain/contact-plan/plan-contact-calls.use-case';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = `brand-plan-${randomUUID().slice(0, 8)}`;
const STORE = 'SH-PLAN';
const headers = identityHeaders({ brandId: BRAND });
// 10:00 on 1 June 2026 in Shanghai.
const clock = aTestClock(new Date('2026-06-01T02:00:00Z'));
const policy = { contactsPerYear: 3, timeZone: 'Asia/Shanghai' };

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      MEMBERS_URL: 'http://127.0.0.1:9',
      // The test runs the day's plan itself; no greeting of its own interferes.
      CONTACT_PLAN_POLL_MS: 3_600_000,
      GREETING_POLL_MS: 3_600_000,
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;
const plan = () => planContactCalls({ db: db(), clock, policy }, 200);

type MemberEvent = ReturnType<typeof createEvent>;
const publish = (key: string, ...events: MemberEvent[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(Topics.membersEvents),
    events.map((event) => ({ key, value: JSON.stringify(event) })),
  );

const registered = (memberId: string, registeredAt: string) =>
  createEvent({
    type: 'member.registered',
    brandId: BRAND,
    storeId: STORE,
    memberId,
    data: {
      memberId,
      cardNumber: `C${memberId.slice(0, 8)}`,
      name: '会员',
      mobileEncrypted: 'enc',
      mobileMasked: '138****0000',
      homeStoreId: STORE,
      registeredAt: new Date(registeredAt).toISOString(),
    },
  });

const servedBy = (memberId: string, associateId: string) =>
  createEvent({
    type: 'member.updated',
    brandId: BRAND,
    memberId,
    data: { memberId, servingAssociateId: associateId, updatedAt: clock.now().toISOString() },
  });

const reassigned = (memberId: string, associateId: string) =>
  createEvent({
    type: 'member.associate-reassigned',
    brandId: BRAND,
    storeId: STORE,
    memberId,
    data: {
      memberId,
      storeId: STORE,
      previousAssociateId: null,
      associateId,
      reason: 'changed',
      reassignedAt: clock.now().toISOString(),
    },
  });

async function join(memberId: string, registeredAt: string, ...then: MemberEvent[]) {
  await publish(memberId, registered(memberId, registeredAt), ...then);
  await eventually(async () =>
    expect(
      await db()('greeting_members').where({ brand_id: BRAND, member_id: memberId }).first(),
    ).toBeDefined(),
  );
}

const followUpSent = (memberId: string, at: string) =>
  db()('follow_ups').insert({
    id: randomUUID(),
    brand_id: BRAND,
    member_id: memberId,
    store_id: STORE,
    purchase_id: randomUUID(),
    step: 'week-3-care-tips',
    template: 'care.tips',
    due_at: new Date(at),
    status: 'dispatched',
    created_at: new Date(at),
    dispatched_at: new Date(at),
  });

const callDone = (memberId: string, at: string, outcome: string) =>
  db()('staff_tasks').insert({
    id: randomUUID(),
    brand_id: BRAND,
    store_id: STORE,
    member_id: memberId,
    kind: 'follow-up-call',
    role: 'associate',
    title: 'call',
    due_at: new Date(at),
    status: 'done',
    outcome,
    source_key: `test:${randomUUID()}`,
    created_at: new Date(at),
    completed_at: new Date(at),
  });

async function winBackMessageSent(memberId: string, at: string) {
  const journeyId = randomUUID();
  await db()('win_back_journeys').insert({
    id: journeyId,
    brand_id: BRAND,
    member_id: memberId,
    store_id: STORE,
    holdout: false,
    started_at: new Date(at),
  });
  await db()('win_back_steps').insert([
    {
      id: randomUUID(),
      journey_id: journeyId,
      brand_id: BRAND,
      step: 'we-miss-you',
      due_at: new Date(at),
      status: 'done',
    },
    // The manager's call counts when its task is done and the member reached, not as a step.
    {
      id: randomUUID(),
      journey_id: journeyId,
      brand_id: BRAND,
      step: 'manager-call',
      due_at: new Date(at),
      status: 'done',
    },
  ]);
}

const planCalls = (memberId: string) =>
  db()('staff_tasks')
    .where({ brand_id: BRAND, member_id: memberId, kind: 'contact-plan-call' })
    .orderBy('created_at');

const belowTarget = (query: string) =>
  campaigns.app.inject({ url: `/v1/contact-plan?${query}`, headers });

describe('Issue 9 item 6: every member hears from the store at least 3 times a year', () => {
  // Membership years: A, B and C joined on 1 March 2025, so this year runs 2026-03-01 → 2027-03-01.
  const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    await join(a, '2025-03-01T10:00:00+08:00', servedBy(a, 'assoc-a'));
    await join(b, '2025-03-01T11:00:00+08:00');
    await join(c, '2025-03-01T12:00:00+08:00');
    // D joined after the Qingming greeting: their first year runs 2026-05-01 → 2027-05-01.
    await join(d, '2026-05-01T10:00:00+08:00', reassigned(d, 'assoc-d'));
    await eventually(async () =>
      expect(
        await db()('contact_plan_members').where({ brand_id: BRAND, member_id: d }).first(),
      ).toMatchObject({ associate_id: 'assoc-d' }),
    );
    await eventually(async () =>
      expect(
        await db()('contact_plan_members').where({ brand_id: BRAND, member_id: a }).first(),
      ).toMatchObject({ associate_id: 'assoc-a' }),
    );
    // Qingming greeting sent to the whole brand: a contact for A, B and C.
    await db()('greeting_occasions').insert({
      brand_id: BRAND,
      occasion_key: 'holiday:2026:清明',
      kind: 'holiday',
      name: '清明',
      local_date: '2026-04-05',
      greeted: 4,
      started_at: new Date('2026-04-05T00:00:00Z'),
      done_at: new Date('2026-04-05T00:01:00Z'),
    });
    // A: last year's follow-up does not count → 1 contact.
    await followUpSent(a, '2026-02-20T10:00:00+08:00');
    // B: a birthday greeting and an unanswered call (an attempt, not a contact) → 2 contacts.
    await db()('greeting_members')
      .where({ brand_id: BRAND, member_id: b })
      .update({ last_birthday_greeted_on: '2026-05-10' });
    await callDone(b, '2026-05-20T10:00:00+08:00', 'no-answer');
    // C: a follow-up message and a win-back message → 3 contacts, on target.
    await followUpSent(c, '2026-04-01T10:00:00+08:00');
    await winBackMessageSent(c, '2026-05-01T10:00:00+08:00');
  });

  it('the daily plan gives each member below target one call for the serving associate, spread over the rest of the year', async () => {
    await plan();

    // A: 2 missing, 272 days 14 hours left until 2027-03-01 00:00 Shanghai → due in a third of it.
    expect(await planCalls(a)).toEqual([
      expect.objectContaining({
        assignee_id: 'assoc-a',
        role: 'associate',
        store_id: STORE,
        status: 'open',
        due_at: new Date('2026-08-30T22:40:00Z'),
        source_key: `contact-plan:${a}:2026-03-01:1`,
      }),
    ]);
    // B: 1 missing, nobody serves them → on the store's list, due half-way through what is left.
    expect(await planCalls(b)).toEqual([
      expect.objectContaining({ assignee_id: null, due_at: new Date('2026-10-15T09:00:00Z') }),
    ]);
    expect(await planCalls(c)).toEqual([]);
    // D: 3 missing, 333 days 14 hours left until 2027-05-01 00:00 Shanghai → due in a quarter.
    expect(await planCalls(d)).toEqual([
      expect.objectContaining({
        assignee_id: 'assoc-d',
        due_at: new Date('2026-08-23T11:30:00Z'),
        source_key: `contact-plan:${d}:2026-05-01:1`,
      }),
    ]);
    const created = await db()('outbox')
      .where({ event_type: 'task.created' })
      .whereRaw("payload->'data'->>'kind' = 'contact-plan-call'")
      .whereRaw("payload->>'brandId' = ?", [BRAND]);
    expect(created).toHaveLength(3);
  });

  it('once per gap: the same day again, or the next days while a call is open, add no call', async () => {
    await plan();
    clock.advance({ days: 1 });
    await plan();
    clock.advance({ days: 1 });
    await plan();

    for (const member of [a, b, d]) expect(await planCalls(member)).toHaveLength(1);
  });

  it('a plan call that reached the member counts, and the next one is planned on the next day', async () => {
    const [first] = await planCalls(a);
    const done = await campaigns.app.inject({
      method: 'POST',
      url: `/v1/tasks/${first.id}/completion`,
      headers,
      payload: { outcome: 'reached' },
    });
    expect(done.statusCode).toBe(200);

    clock.set(new Date('2026-06-10T02:00:00Z'));
    await plan();

    // 2 contacts now, 1 missing, 263 days 14 hours left → due half-way.
    const calls = await planCalls(a);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({
      status: 'open',
      due_at: new Date('2026-10-19T21:00:00Z'),
      source_key: `contact-plan:${a}:2026-03-01:2`,
    });
  });

  it('a member whose other contacts reach the target loses the plan call still open', async () => {
    await followUpSent(b, '2026-06-10T09:00:00+08:00');
    clock.set(new Date('2026-06-11T02:00:00Z'));
    await plan();

    expect(await planCalls(b)).toEqual([
      expect.objectContaining({ status: 'cancelled', notes: 'contact-plan-met' }),
    ]);
  });

  it('GET /v1/contact-plan lists the store’s members below target, longest-standing first, page by page', async () => {
    const first = await belowTarget(`storeId=${STORE}&limit=1`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{ items: unknown[]; nextCursor: string }>();
    expect(page1.items).toEqual([
      {
        memberId: a,
        storeId: STORE,
        associateId: 'assoc-a',
        yearStartsOn: '2026-03-01',
        yearEndsOn: '2027-03-01',
        contacts: 2,
        target: 3,
        missing: 1,
        nextCallDueAt: '2026-10-19T21:00:00.000Z',
      },
    ]);
    const second = await belowTarget(`storeId=${STORE}&limit=10&cursor=${page1.nextCursor}`);
    expect(second.json()).toEqual({
      items: [
        expect.objectContaining({
          memberId: d,
          contacts: 0,
          missing: 3,
          yearStartsOn: '2026-05-01',
        }),
      ],
      nextCursor: null,
    });
  });

  it('bad input is a 400 problem naming the field', async () => {
    for (const [query, field] of [
      ['', 'storeId'],
      ['storeId=%20', 'storeId'],
      [`storeId=${STORE}&limit=0`, 'limit'],
      [`storeId=${STORE}&cursor=forged`, 'cursor'],
    ] as const) {
      const response = await belowTarget(query);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json())).toContain(field);
    }
  });

  it('two replicas planning the same day at once give each member one call', async () => {
    const newcomers = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const m of newcomers) await join(m, '2026-06-01T10:00:00+08:00');
    await eventually(async () =>
      expect(
        await db()('contact_plan_members')
          .where({ brand_id: BRAND })
          .whereIn('member_id', newcomers),
      ).toHaveLength(newcomers.length),
    );
    clock.set(new Date('2026-06-12T02:00:00Z'));

    await Promise.all([plan(), plan()]);

    for (const m of newcomers) expect(await planCalls(m)).toHaveLength(1);
  });
});
