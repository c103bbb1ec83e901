import type { PurchaseLine } from '@laoke/contracts';
import { DomainError, MAX_MONEY_FEN } from '@laoke/platform';
import type { MemberReference } from './member-directory';

export interface PurchaseInput {
  storeId: string;
  receiptNumber: string;
  memberId?: string;
  cardNumber?: string;
  mobile?: string;
  amountFen?: number;
  lines: PurchaseLine[];
  purchasedAt?: string;
}

export interface RecordedLine {
  lineNumber: number;
  sku: string;
  quantity: number;
  /** Base points plus the line's share of tier and promotion bonus. */
  pointsEarned: number;
  bonusPoints?: number;
}

export interface RecordedPurchase {
  purchaseId: string;
  storeId: string;
  receiptNumber: string;
  memberId: string;
  amountFen: number;
  pointsEarned: number;
  pointsBalance: number;
  lines: RecordedLine[];
  /** The programme in force when the sale happened, and the rules that gave its points. */
  programmeVersion?: number;
  rules?: { rule: string; points: number; explanation: string }[];
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

/**
 * The amount of a sale is the sum of its lines (unit price paid x quantity; discounts are
 * already in the unit price paid, so no rounding happens here). A POS that also sends
 * `amountFen` must send that sum.
 */
export function purchaseAmount(input: Pick<PurchaseInput, 'amountFen' | 'lines'>): number {
  const total = input.lines.reduce((sum, line) => sum + line.unitPriceFen * line.quantity, 0);
  if (total > MAX_MONEY_FEN) {
    throw new DomainError(
      'PURCHASE_TOO_LARGE',
      `the lines add up to more than ${MAX_MONEY_FEN} fen`,
      {
        kind: 'invalid',
        field: 'lines',
      },
    );
  }
  if (input.amountFen !== undefined && input.amountFen !== total) {
    throw new DomainError(
      'AMOUNT_MISMATCH',
      `amountFen is ${input.amountFen} but the lines add up to ${total}`,
      { kind: 'invalid', field: 'amountFen' },
    );
  }
  return total;
}

/** Exactly one of memberId, cardNumber and mobile names the buyer. */
export function memberReferenceOf(input: PurchaseInput): MemberReference {
  const given = (['memberId', 'cardNumber', 'mobile'] as const).filter(
    (field) => input[field] !== undefined,
  );
  const [field] = given;
  if (given.length !== 1 || !field) {
    throw new DomainError(
      'MEMBER_REFERENCE_REQUIRED',
      'name the member by exactly one of memberId, cardNumber and mobile',
      { kind: 'invalid', field: given[1] ?? 'memberId' },
    );
  }
  return { [field]: input[field] } as MemberReference;
}
