import { describe, expect, it } from 'vitest';
import { BASE_EARN_RULE, pointsEarned } from '../src/domain/points';

describe('R4: points earned on a purchase', () => {
  it.each([
    [0, 0],
    [999, 0],
    [1_000, 1],
    [1_999, 1],
    [1_288_050, 1_288],
    [1_000_000_000, 1_000_000],
  ])(
    'when %i fen is paid, then %i points are earned (1 point per 10 yuan, rounded down)',
    (fen, points) => {
      expect(pointsEarned(fen, BASE_EARN_RULE)).toBe(points);
    },
  );

  it('when head office sets another rate, then that rate applies', () => {
    expect(pointsEarned(10_000, { name: 'double', fenPerPoint: 500 })).toBe(20);
  });

  it.each([-1, 10.5, Number.NaN])('when the amount is %s, then it is refused', (fen) => {
    expect(() => pointsEarned(fen)).toThrow(RangeError);
  });
});
