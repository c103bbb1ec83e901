import { describe, expect, it } from 'vitest';
import type { CadenceDefinition } from '../src/domain/cadence/cadence-definition';
import {
  cadenceForPurchase,
  type CadencePolicy,
  type KnownPurchase,
} from '../src/domain/cadence-for-purchase';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const policy: CadencePolicy = { timeZone: 'Asia/Shanghai', lateGraceMs: 6 * HOUR };
// 14:30 in Shanghai; day 3 falls due 2026-03-05T02:00Z, week 3 on 03-23, month 3 on 05-31.
const purchase: KnownPurchase = {
  purchaseId: '01900000-0000-7000-8000-000000000002',
  purchasedAt: new Date('2026-03-02T06:30:00Z'),
};

const outcomes = (known: Date, newest?: KnownPurchase, p = purchase, rules = policy) =>
  Object.fromEntries(
    cadenceForPurchase(p, newest, known, rules)
      .steps.filter((s) => s.occurrence === 1)
      .map((s) => [s.step, [s.status, s.reason]]),
  );

describe('R6.1: the thank-you belongs to the purchase day', () => {
  it('when the purchase is known later the same local day, then the thank-you is owed for that day', () => {
    const { steps } = cadenceForPurchase(
      purchase,
      undefined,
      new Date('2026-03-02T15:00:00Z'),
      policy,
    );
    expect(steps[0]).toMatchObject({
      step: 'day-0-thank-you',
      status: 'pending',
      thanksDay: '2026-03-02',
      dueAt: purchase.purchasedAt,
    });
  });

  it('when the purchase is known only after local midnight, then the thank-you is skipped as late', () => {
    // 16:30Z is 00:30 on 3 March in Shanghai.
    expect(outcomes(new Date('2026-03-02T16:30:00Z'))['day-0-thank-you']).toEqual([
      'skipped',
      'late-purchase',
    ]);
  });

  it('when the POS clock runs a little ahead, then the thank-you is still owed', () => {
    const early = new Date(purchase.purchasedAt.getTime() - 2 * 60_000);
    expect(outcomes(early)['day-0-thank-you']).toEqual(['pending', null]);
  });
});

describe('R6.3: later steps already past are not caught up', () => {
  it('when a purchase is back-dated 30 days, then no thank-you, no day-3 or week-3, and month 3 is scheduled', () => {
    expect(outcomes(new Date(purchase.purchasedAt.getTime() + 30 * DAY))).toEqual({
      'day-0-thank-you': ['skipped', 'late-purchase'],
      'day-3-follow-up': ['skipped', 'late-purchase'],
      'week-3-care-tips': ['skipped', 'late-purchase'],
      'month-3-cleaning-invitation': ['pending', null],
    });
  });

  it('when a step fell due less than the grace ago, then it is still sent', () => {
    expect(outcomes(new Date('2026-03-05T07:30:00Z'))['day-3-follow-up']).toEqual([
      'pending',
      null,
    ]);
  });

  it('when a step fell due more than the grace ago, then it is skipped', () => {
    expect(outcomes(new Date('2026-03-05T08:30:00Z'))['day-3-follow-up']).toEqual([
      'skipped',
      'late-purchase',
    ]);
  });

  it('when several past steps are within the grace, then only the last is sent', () => {
    const message = (step: string, offset: number, sendAtLocalHour?: number) => ({
      step,
      at: { offset, unit: 'days' as const },
      ...(sendAtLocalHour !== undefined && { sendAtLocalHour }),
      action: { kind: 'message' as const, purpose: 'follow-up' as const, templates: [step] },
    });
    const daily: CadenceDefinition = {
      name: 'daily',
      onNewPurchase: 'restart',
      coalesceWindowDays: 0,
      steps: [
        message('thanks', 0),
        message('day-1', 1, 10),
        message('day-2', 2, 10),
        message('day-9', 9, 10),
      ],
    };
    const wide = { ...policy, lateGraceMs: 3 * DAY, cadence: daily };
    expect(outcomes(new Date('2026-03-04T03:00:00Z'), undefined, purchase, wide)).toEqual({
      thanks: ['skipped', 'late-purchase'],
      'day-1': ['skipped', 'late-purchase'],
      'day-2': ['pending', null],
      'day-9': ['pending', null],
    });
  });

  it('when a purchase is dated 1900, then nothing is sent at all', () => {
    const ancient = { ...purchase, purchasedAt: new Date('1900-01-01T00:00:00Z') };
    const statuses = cadenceForPurchase(
      ancient,
      undefined,
      new Date('2026-03-02T06:30:00Z'),
      policy,
    ).steps.map((s) => s.status);
    expect(statuses).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
  });
});

describe('R6.3 with repeating steps', () => {
  it('when a purchase is back-dated 30 days, then its care series goes on with the next care content ahead (day 42)', () => {
    const { steps } = cadenceForPurchase(
      purchase,
      undefined,
      new Date(purchase.purchasedAt.getTime() + 30 * DAY),
      policy,
    );
    expect(
      steps
        .filter((s) => s.step === 'week-3-care-tips')
        .map((s) => [s.occurrence, s.status, s.dueAt.toISOString()]),
    ).toEqual([
      [1, 'skipped', '2026-03-23T02:00:00.000Z'],
      [2, 'pending', '2026-04-13T02:00:00.000Z'],
    ]);
  });
});

describe('R6.4: the newest purchase leads, whatever order purchases arrive in', () => {
  const now = new Date('2026-03-02T07:00:00Z');
  const newer: KnownPurchase = {
    purchaseId: '01900000-0000-7000-8000-000000000009',
    purchasedAt: new Date('2026-03-02T06:31:00Z'),
  };

  it('when the purchase is newer than any known, then it leads and its later steps are scheduled', () => {
    const older = { ...newer, purchasedAt: new Date('2026-02-01T06:00:00Z') };
    const decision = cadenceForPurchase(purchase, older, now, policy);
    expect(decision.leads).toBe(true);
    expect(decision.steps.map((s) => s.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('when a sale a minute older than the newest arrives after it, then only its thank-you remains and the rest is superseded', () => {
    const decision = cadenceForPurchase(purchase, newer, now, policy);
    expect(decision.leads).toBe(false);
    expect(outcomes(now, newer)).toEqual({
      'day-0-thank-you': ['pending', null],
      'day-3-follow-up': ['superseded', 'newer-purchase'],
      'week-3-care-tips': ['superseded', 'newer-purchase'],
      'month-3-cleaning-invitation': ['superseded', 'newer-purchase'],
    });
  });

  it('when two purchases carry the same time, then the greater id leads, so both orders agree', () => {
    const twin = { ...newer, purchasedAt: purchase.purchasedAt };
    expect(cadenceForPurchase(twin, purchase, now, policy).leads).toBe(true);
    expect(cadenceForPurchase(purchase, twin, now, policy).leads).toBe(false);
  });
});
