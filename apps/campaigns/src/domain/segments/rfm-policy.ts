/**
 * RFM scores, 1–5 each, by brand-set thresholds (not quintiles: a member's score does not move
 * because other members bought). Each list holds the four thresholds for scores 2, 3, 4 and 5;
 * a score is 1 plus the thresholds the member reaches.
 */
export interface RfmPolicy {
  /** Days since the last purchase at most, for recency 2..5 (descending: 365, 180, 90, 30). */
  recencyDays: number[];
  /** Purchases at least, for frequency 2..5. */
  frequency: number[];
  /** Spend net of returns in fen at least, for monetary 2..5. */
  monetaryFen: number[];
}

export const DEFAULT_RFM_POLICY: RfmPolicy = {
  recencyDays: [365, 180, 90, 30],
  frequency: [2, 3, 5, 8],
  monetaryFen: [100_000, 500_000, 2_000_000, 5_000_000],
};

export interface RfmScores {
  recency: number;
  frequency: number;
  monetary: number;
}

const DAY_MS = 86_400_000;

const reached = (thresholds: number[], meets: (t: number) => boolean) =>
  1 + thresholds.filter(meets).length;

/** A member who never bought scores 1 on every axis. */
export function rfmScores(
  member: { lastPurchaseAt: Date | null; purchaseCount: number; spendFen: number },
  now: Date,
  policy: RfmPolicy,
): RfmScores {
  const last = member.lastPurchaseAt;
  return {
    recency: last
      ? reached(policy.recencyDays, (days) => now.getTime() - last.getTime() <= days * DAY_MS)
      : 1,
    frequency: reached(policy.frequency, (n) => member.purchaseCount >= n),
    monetary: reached(policy.monetaryFen, (fen) => member.spendFen >= fen),
  };
}

/** Parses a comma-separated list of four ascending (or, for recency, descending) numbers. */
export function thresholdsOf(list: string, order: 'ascending' | 'descending'): number[] {
  const values = list.split(',').map((v) => Number(v.trim()));
  const sorted = values.every(
    (v, i) =>
      Number.isInteger(v) &&
      v >= 0 &&
      (i === 0 || (order === 'ascending' ? v > values[i - 1]! : v < values[i - 1]!)),
  );
  if (values.length !== 4 || !sorted)
    throw new Error(`RFM thresholds must be four ${order} whole numbers, got "${list}"`);
  return values;
}
