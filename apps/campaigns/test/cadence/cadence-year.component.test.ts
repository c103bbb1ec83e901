import { randomUUID } from 'node:crypto';
import { eventually, identityHeaders } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCadenceHarness } from './cadence-harness';

let h: Awaited<ReturnType<typeof startCadenceHarness>>;
let BRAND: string;

beforeAll(async () => {
  h = await startCadenceHarness();
  BRAND = h.aBrand('cadence-year');
});
afterAll(() => h?.campaigns.close());

/** Moves the clock to `day` days after `start` (14:30 local, after the 10:00 steps). */
const toDay = (start: Date, day: number) =>
  h.clock.set(new Date(start.getTime() + day * 86_400_000));

interface TaskRow {
  id: string;
  kind: string;
}

const callTasksOf = async (memberId: string) =>
  ((await h.tasksOf(BRAND, memberId)) as TaskRow[]).filter(
    (t) => t.kind === 'cadence-follow-up-call',
  );

describe('R6: the default 0-3-3-3 cadence over a member’s months', () => {
  it('when a member buys on day 0, then the thank-you, the day-3 call, care contents every 3 weeks (six at most, rotating) and the invitations every 90 days each come exactly once, on their day', async () => {
    const memberId = randomUUID();
    const start = h.clock.now();
    await h.purchase(BRAND, memberId);
    const expected: string[] = ['purchase.thank_you'];
    await eventually(async () => expect(await h.requestedTemplates(memberId)).toEqual(expected));

    toDay(start, 2);
    await h.dispatcherCaughtUp(BRAND);
    expect(await callTasksOf(memberId)).toHaveLength(0);
    toDay(start, 3);
    await eventually(async () => expect(await callTasksOf(memberId)).toHaveLength(1));
    expect((await callTasksOf(memberId))[0]).toMatchObject({ role: 'associate', status: 'open' });

    const care = ['care.tips', 'care.quality_guide', 'care.appreciation'];
    const schedule: [number, string][] = [
      [21, care[0]!],
      [42, care[1]!],
      [63, care[2]!],
      [84, care[0]!],
      [90, 'care.cleaning_invitation'],
      [105, care[1]!],
      [126, care[2]!],
      [180, 'care.cleaning_invitation'],
    ];
    for (const [day, template] of schedule) {
      toDay(start, day - 1);
      await h.dispatcherCaughtUp(BRAND);
      // Nothing new the day before.
      expect(await h.requestedTemplates(memberId)).toEqual(expected);
      toDay(start, day);
      expected.push(template);
      await eventually(async () => expect(await h.requestedTemplates(memberId)).toEqual(expected));
    }
    // Day 147 would be a seventh care content: the series stopped at six.
    expect(expected.filter((t) => care.includes(t))).toHaveLength(6);
    const steps = await h.followUpsOf(BRAND, memberId);
    expect(steps.filter((s) => s.status === 'pending')).toEqual([
      expect.objectContaining({ step: 'month-3-cleaning-invitation', occurrence: 3 }),
    ]);
    expect(steps.filter((s) => s.step === 'week-3-care-tips').map((s) => s.occurrence)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(await callTasksOf(memberId)).toHaveLength(1);
  });

  it('when the day-3 call is completed "no answer", then the fallback message is requested once, however often the completion is sent', async () => {
    const memberId = randomUUID();
    const start = h.clock.now();
    await h.purchase(BRAND, memberId);
    await eventually(async () =>
      expect(await h.requestedTemplates(memberId)).toEqual(['purchase.thank_you']),
    );
    toDay(start, 3);
    await eventually(async () => expect(await callTasksOf(memberId)).toHaveLength(1));
    const [task] = (await callTasksOf(memberId)) as { id: string }[];

    for (let i = 0; i < 2; i += 1) {
      const completed = await h.campaigns.app.inject({
        method: 'POST',
        url: `/v1/tasks/${task!.id}/completion`,
        headers: identityHeaders({ brandId: BRAND }),
        payload: { outcome: 'no-answer' },
      });
      expect(completed.statusCode).toBe(200);
    }

    await eventually(async () =>
      expect(await h.requestedTemplates(memberId)).toEqual([
        'purchase.thank_you',
        'purchase.day3_follow_up',
      ]),
    );
    expect(
      (await h.followUpsOf(BRAND, memberId)).find((s) => s.step === 'day-3-follow-up.not-reached'),
    ).toMatchObject({ status: 'dispatched', occurrence: 1 });
  });

  it('when the day-3 call reached the member, then no fallback message is sent', async () => {
    const memberId = randomUUID();
    const start = h.clock.now();
    await h.purchase(BRAND, memberId);
    toDay(start, 3);
    await eventually(async () => expect(await callTasksOf(memberId)).toHaveLength(1));
    const [task] = (await callTasksOf(memberId)) as { id: string }[];
    const completed = await h.campaigns.app.inject({
      method: 'POST',
      url: `/v1/tasks/${task!.id}/completion`,
      headers: identityHeaders({ brandId: BRAND }),
      payload: { outcome: 'reached' },
    });
    expect(completed.statusCode).toBe(200);
    expect((await h.followUpsOf(BRAND, memberId)).map((s) => s.step)).not.toContain(
      'day-3-follow-up.not-reached',
    );
  });

  it('R6.4: when the member buys again on day 10, then the cadence restarts from that purchase and only one invitation comes, on day 100', async () => {
    const memberId = randomUUID();
    const start = h.clock.now();
    const first = await h.purchase(BRAND, memberId);
    await eventually(async () =>
      expect(await h.requestedTemplates(memberId)).toEqual(['purchase.thank_you']),
    );
    toDay(start, 10);
    const second = await h.purchase(BRAND, memberId);
    await eventually(async () =>
      expect(await h.requestedTemplates(memberId)).toEqual([
        'purchase.thank_you',
        'purchase.thank_you',
      ]),
    );
    const steps = await h.followUpsOf(BRAND, memberId);
    expect(
      steps.filter((s) => s.purchaseId === first && s.step === 'month-3-cleaning-invitation'),
    ).toEqual([expect.objectContaining({ status: 'superseded', reason: 'newer-purchase' })]);

    // Day 90 would have been the first purchase's invitation.
    toDay(start, 95);
    await h.dispatcherCaughtUp(BRAND);
    expect(
      (await h.requestedTemplates(memberId)).filter((t) => t === 'care.cleaning_invitation'),
    ).toHaveLength(0);
    toDay(start, 100);
    await eventually(async () =>
      expect(
        (await h.requestedTemplates(memberId)).filter((t) => t === 'care.cleaning_invitation'),
      ).toHaveLength(1),
    );
    expect(
      (await h.followUpsOf(BRAND, memberId)).find(
        (s) => s.purchaseId === second && s.step === 'month-3-cleaning-invitation',
      ),
    ).toMatchObject({ status: 'dispatched', occurrence: 1 });
    toDay(start, 107);
    await h.dispatcherCaughtUp(BRAND);
    expect(
      (await h.requestedTemplates(memberId)).filter((t) => t === 'care.cleaning_invitation'),
    ).toHaveLength(1);
  });
});
