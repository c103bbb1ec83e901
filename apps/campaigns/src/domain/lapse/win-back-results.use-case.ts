import type { Database } from '@laoke/platform';
import { winBackRepository as winBack, type WinBackResults } from '../../data/win-back.repository';

export const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** Conversion of the touched and the held-out journeys; the lift is the difference. */
export function withRates(r: WinBackResults) {
  const conversionRate = rate(r.converted, r.journeys);
  const holdoutConversionRate = rate(r.holdoutConverted, r.holdoutJourneys);
  return {
    ...r,
    conversionRate,
    holdoutConversionRate,
    lift:
      conversionRate === null || holdoutConversionRate === null
        ? null
        : Math.round((conversionRate - holdoutConversionRate) * 10_000) / 10_000,
  };
}

/**
 * R9/R12: how many members entering win-back in [from, to) bought again, touched against held
 * out; the lift is the difference of the two conversion rates (null until both groups exist).
 */
export async function winBackResults(
  deps: { db: Database },
  scope: { brandId: string; from: Date; to: Date },
) {
  return withRates(await winBack.results(deps.db, scope));
}
