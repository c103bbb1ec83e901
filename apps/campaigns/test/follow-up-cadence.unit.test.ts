import { describe, expect, it } from 'vitest';
import { planFollowUps } from '../src/domain/follow-up-cadence';

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
