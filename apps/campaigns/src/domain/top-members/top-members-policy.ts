import { DateTime } from 'luxon';

/** R10: how many members per region are the year's top members, and when they are chosen. */
export interface TopMembersPolicy {
  timeZone: string;
  perRegion: number;
  /** Local month and day (`MM-DD`) on which last year's top members are chosen. */
  selectOn: string;
}

/** The year whose top members are due to be chosen at `now`, or null before this year's day. */
export function yearToSelect(now: Date, policy: TopMembersPolicy): number | null {
  const local = DateTime.fromJSDate(now, { zone: policy.timeZone });
  const today = local.toFormat('MM-dd');
  return today >= policy.selectOn ? local.year - 1 : null;
}

/** A local calendar year as a UTC half-open range. */
export function localYear(year: number, timeZone: string) {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: timeZone });
  return { from: start.toJSDate(), to: start.plus({ years: 1 }).toJSDate() };
}

export interface PurchaseValue {
  amountFen: number;
  /** Per line, in line-number order: its list value and quantity. */
  lines: { valueFen: number; quantity: number }[];
}

/**
 * What returning some lines takes off a purchase's spend: their share of the lines' value applied
 * to what was paid (so a basket discount shrinks each line alike), rounded down to the fen.
 */
export function returnedValueFen(
  purchase: PurchaseValue,
  returned: { lineNumber: number; quantity: number }[],
): number {
  const total = purchase.lines.reduce((sum, l) => sum + l.valueFen, 0);
  if (total === 0) return 0;
  const share = returned.reduce((sum, r) => {
    const line = purchase.lines[r.lineNumber - 1];
    if (!line || line.quantity === 0) return sum;
    return sum + (line.valueFen * Math.min(r.quantity, line.quantity)) / line.quantity;
  }, 0);
  return Math.floor((purchase.amountFen * share) / total);
}
