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
import { escalateOverdueCases } from '../src/domain/satisfaction/escalate-overdue-cases.use-case';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-satisfaction-test';
const STORE = 'SH-001';
const headers = identityHeaders({ brandId: BRAND });
const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      SURVEY_DELAY_HOURS: 24,
      CASE_DEADLINE_HOURS: 24,
      SATISFACTION_POLL_MS: 100,
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;

/** A purchase whose survey has been requested; returns the survey id the request carries. */
async function surveyedPurchase(memberId = randomUUID()) {
  const event = aPurchaseRecordedEvent({ brandId: BRAND, memberId, purchasedAt: clock.now() });
  const message = { key: memberId, value: JSON.stringify(event) };
  // Delivered twice, as Kafka may: still one survey.
  await publishRaw(inject('kafkaBrokers'), topic(Topics.loyaltyEvents), [message, message]);
  await eventually(async () =>
    expect(await db()('surveys').where({ member_id: memberId })).toHaveLength(1),
  );
  clock.advance({ hours: 25 });
  const request = await findMessage(
    inject('kafkaBrokers'),
    topic(Topics.notificationRequests),
    (e) =>
      e.type === 'notification.requested' &&
      e.data['memberId'] === memberId &&
      e.data['purpose'] === 'survey',
  );
  const data = (JSON.parse(request.value) as { data: Record<string, unknown> }).data;
  return { memberId, data, surveyId: (data['variables'] as { surveyId: string }).surveyId };
}

const answer = (surveyId: string, body: unknown) =>
  campaigns.app.inject({
    method: 'POST',
    url: `/v1/surveys/${surveyId}/responses`,
    headers,
    payload: body as object,
  });

const openTasks = async (memberId: string) =>
  (await campaigns.app.inject({ url: `/v1/stores/${STORE}/tasks?view=open&limit=100`, headers }))
    .json<{ items: { taskId: string; memberId: string; kind: string; role: string }[] }>()
    .items.filter((t) => t.memberId === memberId);

describe('R8: satisfaction surveys and complaint cases', () => {
  it('when a purchase is a day old, then one survey is requested for it with purpose survey', async () => {
    const { data } = await surveyedPurchase();
    expect(data).toMatchObject({ purpose: 'survey', template: 'survey.satisfaction' });
    expect(data['dedupeKey']).toMatch(/^survey:/);
  });

  it('when a member scores 2, then a case opens with a call task for the store manager, and a second answer is refused', async () => {
    const { memberId, surveyId } = await surveyedPurchase();
    const answered = await answer(surveyId, { score: 2, reasonCodes: ['service'] });
    expect(answered.statusCode).toBe(201);
    const { caseId } = answered.json<{ caseId: string }>();
    expect(caseId).toBeTruthy();

    const opened = await campaigns.app.inject({ url: `/v1/cases/${caseId}`, headers });
    expect(opened.json()).toMatchObject({ status: 'open', memberId, escalatedAt: null });
    expect(await openTasks(memberId)).toMatchObject([
      { kind: 'complaint-call', role: 'store-manager' },
    ]);

    const again = await answer(surveyId, { score: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED' });
  });

  it('when a case passes its deadline unresolved, then it escalates to the region manager once', async () => {
    const { memberId, surveyId } = await surveyedPurchase();
    const { caseId } = (await answer(surveyId, { score: 1 })).json<{ caseId: string }>();
    await campaigns.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/transitions`,
      headers,
      payload: { to: 'contacted' },
    });
    clock.advance({ hours: 25 });
    await eventually(async () => {
      const c = (await campaigns.app.inject({ url: `/v1/cases/${caseId}`, headers })).json<{
        escalatedAt: string | null;
        status: string;
      }>();
      expect(c.status).toBe('contacted');
      expect(c.escalatedAt).not.toBeNull();
    });
    await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.campaignsEvents),
      (e) =>
        e.type === 'case.changed' && e.data['caseId'] === caseId && e.data['escalated'] === true,
    );
    // Another replica, or the next run, finds nothing left to escalate.
    expect(await escalateOverdueCases({ db: db(), clock }, 100)).toBe(0);
    const kinds = (await openTasks(memberId)).map((t) => [t.kind, t.role]);
    expect(kinds).toEqual([
      ['complaint-call', 'store-manager'],
      ['complaint-escalation', 'region-manager'],
    ]);

    const resolved = await campaigns.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/transitions`,
      headers,
      payload: { to: 'resolved', resolution: 'ring resized free of charge' },
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved' });
    expect(await openTasks(memberId)).toEqual([]);

    const backwards = await campaigns.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/transitions`,
      headers,
      payload: { to: 'contacted' },
    });
    expect(backwards.statusCode).toBe(409);
    expect(backwards.json()).toMatchObject({ code: 'CASE_TRANSITION_NOT_ALLOWED' });
  });

  it('a happy score opens no case, and the store roll-up counts both', async () => {
    const before = (
      await campaigns.app.inject({
        url: `/v1/stores/${STORE}/satisfaction?from=2026-01-01&to=2026-12-31`,
        headers,
      })
    ).json<{ responses: number; lowScores: number }>();
    const { memberId, surveyId } = await surveyedPurchase();
    expect((await answer(surveyId, { score: 5, comment: '很满意' })).json()).toEqual({
      caseId: null,
    });
    expect(await openTasks(memberId)).toEqual([]);
    const after = (
      await campaigns.app.inject({
        url: `/v1/stores/${STORE}/satisfaction?from=2026-01-01&to=2026-12-31`,
        headers,
      })
    ).json<{ responses: number; lowScores: number; averageScore: number }>();
    expect(after.responses).toBe(before.responses + 1);
    expect(after.lowScores).toBe(before.lowScores);
  });

  it('bad answers are refused naming the field, and write nothing', async () => {
    const { surveyId } = await surveyedPurchase();
    for (const [body, field] of [
      [{ score: 6 }, 'score'],
      [{ score: 2.5 }, 'score'],
      [{ score: '2' }, 'score'],
      [{}, 'score'],
      [{ score: 2, reasonCodes: ['weather'] }, 'reasonCodes'],
      [{ score: 2, mood: 'bad' }, 'mood'],
    ] as const) {
      const response = await answer(surveyId, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(response.json()), JSON.stringify(body)).toContain(field);
    }
    expect((await answer(randomUUID(), { score: 3 })).statusCode).toBe(404);
    expect((await answer(surveyId, { score: 4 })).statusCode).toBe(201);
  });
});

describe('staff tasks', () => {
  it('completing a task records the outcome once: the same outcome again answers it, another is a conflict', async () => {
    const { memberId, surveyId } = await surveyedPurchase();
    await answer(surveyId, { score: 1 });
    const [task] = await openTasks(memberId);
    const complete = (outcome: string) =>
      campaigns.app.inject({
        method: 'POST',
        url: `/v1/tasks/${task?.taskId}/completion`,
        headers,
        payload: { outcome, notes: '已致电', completedBy: 'staff-7' },
      });
    expect((await complete('reached')).json()).toMatchObject({
      status: 'done',
      outcome: 'reached',
    });
    expect((await complete('reached')).statusCode).toBe(200);
    const other = await complete('declined');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'TASK_ALREADY_CLOSED' });
    await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.campaignsEvents),
      (e) =>
        e.type === 'task.completed' &&
        e.data['taskId'] === task?.taskId &&
        e.data['outcome'] === 'reached',
    );
    const bad = await complete('maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('outcome');
  });

  it("today's list shows what is due by the local midnight and overdue what was due before today", async () => {
    const { memberId, surveyId } = await surveyedPurchase();
    await answer(surveyId, { score: 2 });
    const listed = async (view: string) =>
      (
        await campaigns.app.inject({
          url: `/v1/stores/${STORE}/tasks?view=${view}&limit=100`,
          headers,
        })
      )
        .json<{ items: { memberId: string }[] }>()
        .items.some((t) => t.memberId === memberId);
    // Due 24 h from now: not today's (unless it is just before midnight), not overdue.
    expect(await listed('overdue')).toBe(false);
    clock.advance({ days: 2 });
    expect(await listed('overdue')).toBe(true);
    expect(await listed('today')).toBe(true);
    const wrong = await campaigns.app.inject({
      url: `/v1/stores/${STORE}/tasks?view=tomorrow`,
      headers,
    });
    expect(wrong.statusCode).toBe(400);
  });
});
