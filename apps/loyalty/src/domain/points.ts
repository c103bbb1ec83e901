/**
 * R4: points are earned on the amount actually paid, in whole points, rounded down.
 * The example programme gives 1 point per 10 yuan (1,000 fen); head office may set another rate.
 */
export interface EarnRule {
  name: string;
  fenPerPoint: number;
}

export const BASE_EARN_RULE: EarnRule = { name: 'base-1-point-per-10-yuan', fenPerPoint: 1_000 };

export function pointsEarned(amountFen: number, rule: EarnRule = BASE_EARN_RULE): number {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
    throw new RangeError(`amountFen must be a non-negative integer, got ${amountFen}`);
  }
  return Math.floor(amountFen / rule.fenPerPoint);
}
