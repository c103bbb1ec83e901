import { describe, expect, it } from 'vitest';
import { JEWELRY_CADENCE } from '../src/domain/cadence/cadence-definition';
import { occurrenceOf, planFollowUps } from '../src/domain/follow-up-cadence';

const byStep = (purchasedAt: string, zone = 'Asia/Shanghai') =>
  Object.fromEntries(
    planFollowUps(new Date(purchasedAt), zone).map((p) => [p.step, p.dueAt.toISOString()]),
  );

describe('R6: the 0-3-3-3 follow-up cadence', () => {
  it('when a purchase is recorded, then the thank-you is due at once', () => {
    expect(byStep('2026-03-02T06:30:00Z')['day-0-thank-you']).toBe('2026-03-02T06:30:00.000Z');
  });

  it('then day 3, week 3 and month 3 fall due at 10:00 in the brand time zone', () => {
    const plan = byStep('2026-03-02T06:30:00Z');
    expect(plan['day-3-follow-up']).toBe('2026-03-05T02:00:00.000Z');
    expect(plan['week-3-care-tips']).toBe('2026-03-23T02:00:00.000Z');
    expect(plan['month-3-cleaning-invitation']).toBe('2026-05-31T02:00:00.000Z');
  });

  it('when the purchase is just after midnight in Shanghai, then days count from the local date', () => {
    // 2026-03-01T16:30Z is 00:30 on 2 March in Shanghai.
    expect(byStep('2026-03-01T16:30:00Z')['day-3-follow-up']).toBe('2026-03-05T02:00:00.000Z');
  });

  it('when the brand is in another time zone, then its local morning is used', () => {
    expect(byStep('2026-03-02T06:30:00Z', 'Europe/Paris')['day-3-follow-up']).toBe(
      '2026-03-05T09:00:00.000Z',
    );
  });

  it('refuses an unknown time zone', () => {
    expect(() => planFollowUps(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('R6: repeating steps of a cadence definition', () => {
  const purchasedAt = new Date('2026-03-02T06:30:00Z');
  const stepNamed = (name: string) => JEWELRY_CADENCE.steps.find((s) => s.step === name)!;

  it('care content falls on days 21, 42, … rotating through its series, and stops after six', () => {
    const care = stepNamed('week-3-care-tips');
    const occurrences = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      occurrenceOf(care, n, purchasedAt, 'Asia/Shanghai'),
    );
    expect(occurrences.map((o) => o && [o.afterDays, o.template])).toEqual([
      [21, 'care.tips'],
      [42, 'care.quality_guide'],
      [63, 'care.appreciation'],
      [84, 'care.tips'],
      [105, 'care.quality_guide'],
      [126, 'care.appreciation'],
      undefined,
    ]);
  });

  it('a repeat in months keeps the calendar, and an end stops it', () => {
    const monthly = {
      step: 'monthly',
      at: { offset: 1, unit: 'months' as const },
      repeat: {
        every: 1,
        unit: 'months' as const,
        endAfter: { offset: 3, unit: 'months' as const },
      },
      sendAtLocalHour: 10,
      action: { kind: 'message' as const, purpose: 'care-content' as const, templates: ['t'] },
    };
    const due = [1, 2, 3, 4].map((n) =>
      occurrenceOf(monthly, n, purchasedAt, 'Asia/Shanghai')?.dueAt.toISOString(),
    );
    expect(due).toEqual([
      '2026-04-02T02:00:00.000Z',
      '2026-05-02T02:00:00.000Z',
      '2026-06-02T02:00:00.000Z',
      undefined,
    ]);
  });

  it('the day-3 step is a call task for the associate whose fallback is the follow-up message', () => {
    expect(stepNamed('day-3-follow-up')).toMatchObject({
      action: { kind: 'task', role: 'associate' },
      onNotReached: { template: 'purchase.day3_follow_up' },
    });
  });
});
