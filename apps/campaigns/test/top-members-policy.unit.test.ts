import { describe, expect, it } from 'vitest';
import {
  localYear,
  returnedValueFen,
  yearToSelect,
} from '../src/domain/top-members/top-members-policy';

const policy = { timeZone: 'Asia/Shanghai', perRegion: 10, selectOn: '01-05' };

describe('R10: top-member rules', () => {
  it('last year is chosen from the brand’s local selection day on, not before', () => {
    expect(yearToSelect(new Date('2027-01-04T15:59:00Z'), policy)).toBeNull();
    expect(yearToSelect(new Date('2027-01-04T16:00:00Z'), policy)).toBe(2026);
    expect(yearToSelect(new Date('2027-11-30T00:00:00Z'), policy)).toBe(2026);
  });

  it('a local year starts at local midnight', () => {
    expect(localYear(2026, 'Asia/Shanghai')).toEqual({
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
    });
  });

  it('a returned line takes its share of what was paid, a basket discount included', () => {
    const purchase = {
      amountFen: 90_000, // 100,000 of lines, 10% off the basket
      lines: [
        { valueFen: 60_000, quantity: 3 },
        { valueFen: 40_000, quantity: 1 },
      ],
    };
    expect(returnedValueFen(purchase, [{ lineNumber: 1, quantity: 1 }])).toBe(18_000);
    expect(returnedValueFen(purchase, [{ lineNumber: 2, quantity: 1 }])).toBe(36_000);
    expect(returnedValueFen(purchase, [{ lineNumber: 9, quantity: 1 }])).toBe(0);
    expect(
      returnedValueFen(purchase, [
        { lineNumber: 1, quantity: 5 },
        { lineNumber: 2, quantity: 1 },
      ]),
    ).toBe(90_000);
  });
});
