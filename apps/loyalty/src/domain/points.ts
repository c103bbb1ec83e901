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

/** A purchase line as points are computed on it. */
export interface EarningLine {
  unitPriceFen: number;
  quantity: number;
  onSale?: boolean;
  category?: string;
}

export interface LinePoints {
  points: number;
  rule: string;
}

/**
 * The points each line of a sale earns, in line order: the one place the programme's earn
 * rules plug in. Default: 1 point per 10 yuan of the line's paid total (unit price paid x
 * quantity, integer fen), rounded down per line, so a line's points can be reversed on its own.
 */
export function pointsForLines(lines: readonly EarningLine[]): LinePoints[] {
  return lines.map((line) => ({
    points: pointsEarned(line.unitPriceFen * line.quantity, BASE_EARN_RULE),
    rule: BASE_EARN_RULE.name,
  }));
}

/**
 * How many of a line's points a return takes back, so that what is kept is what the quantity
 * still held would have earned, rounded down: returning and buying again never earns more
 * than one purchase would have.
 */
export function pointsToReverse(
  line: {
    pointsEarned: number;
    quantity: number;
    returnedQuantity: number;
    pointsReversed: number;
  },
  returning: number,
): number {
  const stillHeld = line.quantity - line.returnedQuantity - returning;
  const kept = Math.floor((line.pointsEarned * stillHeld) / line.quantity);
  return line.pointsEarned - kept - line.pointsReversed;
}
