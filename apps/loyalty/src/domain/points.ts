/**
 * How many of a line's points a return takes back, so that what is kept is what the quantity
 * still held would have earned, rounded down: returning and buying again never earns more
 * than one purchase would have. A line's points include its share of tier and promotion
 * bonus (programme/earn.ts), so the bonus goes back with the items that earned it.
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
