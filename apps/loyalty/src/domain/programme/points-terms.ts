import { DateTime } from 'luxon';
import type { Programme } from './programme-definition';

export interface PointsTerms {
  /** Points earned at `earnedAt` may be spent from this moment (the return window, R4). */
  spendableAt: Date;
  /** They expire at this moment; null when the programme lets points live for ever. */
  expiresAt: Date | null;
  policy: string;
}

/**
 * The one place the ledger reads a programme's points policy: when points earned at a moment
 * become spendable and when they expire, both in the programme's time zone. "End of the year
 * after earning" means points earned in 2026 expire at the start of 1 January 2028, local.
 */
export function pointsTermsFor(programme: Programme, earnedAt: Date): PointsTerms {
  const { points, timeZone } = programme.definition;
  const local = DateTime.fromJSDate(earnedAt, { zone: timeZone });
  const spendableAt = local.plus({ days: points.pendingDays }).toJSDate();
  const pending = points.pendingDays > 0 ? `, spendable after ${points.pendingDays} days` : '';
  if (points.expiry === 'end-of-year-after-earning')
    return {
      spendableAt,
      expiresAt: local.startOf('year').plus({ years: 2 }).toJSDate(),
      policy: `expire at the end of the year after earning${pending}`,
    };
  if (points.expiry === 'months-after-earning') {
    const months = points.expiryMonths ?? 12;
    return {
      spendableAt,
      expiresAt: local.plus({ months }).toJSDate(),
      policy: `expire ${months} months after earning${pending}`,
    };
  }
  return { spendableAt, expiresAt: null, policy: `never expire${pending}` };
}
