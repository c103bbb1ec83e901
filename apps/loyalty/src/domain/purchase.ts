import type { PurchaseLine } from '@laoke/contracts';

export interface PurchaseInput {
  storeId: string;
  receiptNumber: string;
  memberId: string;
  amountFen: number;
  lines: PurchaseLine[];
  purchasedAt?: string;
}

export interface RecordedPurchase {
  purchaseId: string;
  storeId: string;
  receiptNumber: string;
  memberId: string;
  amountFen: number;
  pointsEarned: number;
  pointsBalance: number;
  purchasedAt: string;
  recordedAt: string;
}

const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 24 * 3_600_000;

/**
 * A sale cannot happen in the future (beyond a POS clock's small drift), nor longer ago than
 * `maxAgeDays`: a POS may sync weeks late, but a sale from another season is a data error.
 */
export function purchaseTimeProblem(
  purchasedAt: Date,
  now: Date,
  maxAgeDays: number,
): string | undefined {
  if (Number.isNaN(purchasedAt.getTime())) return 'is not a valid timestamp';
  if (purchasedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) return 'cannot be in the future';
  if (now.getTime() - purchasedAt.getTime() > maxAgeDays * DAY_MS)
    return `cannot be more than ${maxAgeDays} days ago`;
  return undefined;
}
