import { describe, expect, it } from 'vitest';
import { pointsToReverse } from '../src/domain/points';
import { lotDates } from '../src/domain/points-policy';

describe('R4: points a return takes back, per line', () => {
  it('a return keeps what the quantity still held would earn, so the parts never exceed the whole', () => {
    const line = { pointsEarned: 9, quantity: 3, returnedQuantity: 0, pointsReversed: 0 };
    expect(pointsToReverse(line, 1)).toBe(3);
    expect(pointsToReverse({ ...line, returnedQuantity: 1, pointsReversed: 3 }, 2)).toBe(6);
    expect(pointsToReverse(line, 3)).toBe(9);
    // 10 points over 3 items: returning one takes 4 back (3 kept for the 2 left, rounded down).
    expect(pointsToReverse({ ...line, pointsEarned: 10 }, 1)).toBe(4);
  });
});

describe('R4: lot dates', () => {
  const policy = { pendingDays: 0, timeZone: 'Asia/Shanghai' };

  it('points expire at the end of the year after earning, in the brand’s time zone', () => {
    expect(lotDates(policy, new Date('2026-03-02T06:30:00Z')).expiresAt.toISOString()).toBe(
      '2027-12-31T16:00:00.000Z',
    );
    // 1 Jan 2027 01:00 in Shanghai is still 2026 in UTC: the local year counts.
    expect(lotDates(policy, new Date('2026-12-31T17:00:00Z')).expiresAt.toISOString()).toBe(
      '2028-12-31T16:00:00.000Z',
    );
  });

  it('points become spendable after the pending days', () => {
    const at = new Date('2026-03-02T06:30:00Z');
    expect(lotDates(policy, at).spendableFrom).toEqual(at);
    expect(lotDates({ ...policy, pendingDays: 14 }, at).spendableFrom.toISOString()).toBe(
      '2026-03-16T06:30:00.000Z',
    );
  });
});
