import { createEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
  type Transaction,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import type { MembersClient } from '../clients/members.client';
import { pointsRepository as points } from '../data/points.repository';
import { purchasesRepository as purchases } from '../data/purchases.repository';
import { memberExists } from './member-directory';
import { tierProgress } from './programme/tier-progress';
import { BASE_EARN_RULE, pointsEarned } from './points';
import { purchaseTimeProblem, type PurchaseInput, type RecordedPurchase } from './purchase';

export interface RecordPurchaseDeps {
  db: Database;
  members: MembersClient;
  clock: BrandClock;
  maxPurchaseAgeDays: number;
}

export interface RecordPurchaseCommand {
  brandId: string;
  idempotencyKey: string;
  requestId: string;
  input: PurchaseInput;
}

/**
 * Records a POS sale and credits its points (R4) in one transaction, with the events that
 * start the follow-up cadence (R6). A retry with the same Idempotency-Key returns the first
 * result and changes nothing.
 */
export async function recordPurchase(
  deps: RecordPurchaseDeps,
  command: RecordPurchaseCommand,
): Promise<IdempotentOutcome<RecordedPurchase>> {
  const { brandId, input } = command;
  const now = deps.clock.nowFor(brandId);
  const purchasedAt = input.purchasedAt ? new Date(input.purchasedAt) : now;
  const timeProblem = purchaseTimeProblem(purchasedAt, now, deps.maxPurchaseAgeDays);
  if (timeProblem) {
    // A sale in the future can never be right; one older than the limit is refused by rule.
    const kind = purchasedAt > now ? 'invalid' : 'rule';
    throw new DomainError('INVALID_PURCHASE_TIME', timeProblem, { kind, field: 'purchasedAt' });
  }

  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('record-purchase', input),
    },
    {
      prepare: async () => {
        if (!(await memberExists(deps, brandId, input.memberId, command.requestId))) {
          throw new DomainError('UNKNOWN_MEMBER', 'no member has this id', {
            kind: 'unknown-reference',
            field: 'memberId',
          });
        }
      },
      work: (trx) => record(trx, command, purchasedAt, now),
    },
  );
}

/** The sale, its points, ledger line and events, in the caller's transaction. */
async function record(
  trx: Transaction,
  command: RecordPurchaseCommand,
  purchasedAt: Date,
  now: Date,
): Promise<RecordedPurchase> {
  const { brandId, input } = command;
  const purchaseId = uuidv7();
  const isNewReceipt = await purchases.insert(trx, {
    id: purchaseId,
    brand_id: brandId,
    store_id: input.storeId,
    receipt_number: input.receiptNumber,
    member_id: input.memberId,
    amount_fen: input.amountFen,
    lines: input.lines,
    purchased_at: purchasedAt,
    recorded_at: now,
  });
  if (!isNewReceipt) {
    throw new DomainError(
      'RECEIPT_ALREADY_RECORDED',
      'this receipt of this store was already recorded',
      { kind: 'conflict', field: 'receiptNumber' },
    );
  }

  const earned = pointsEarned(input.amountFen, BASE_EARN_RULE);
  const balance = await points.apply(trx, {
    memberId: input.memberId,
    brandId,
    delta: earned,
    reason: `purchase:${BASE_EARN_RULE.name}`,
    purchaseId,
    at: now,
  });

  const purchase: RecordedPurchase = {
    purchaseId,
    storeId: input.storeId,
    receiptNumber: input.receiptNumber,
    memberId: input.memberId,
    amountFen: input.amountFen,
    pointsEarned: earned,
    pointsBalance: balance,
    purchasedAt: purchasedAt.toISOString(),
    recordedAt: now.toISOString(),
  };
  const scope = {
    brandId,
    storeId: input.storeId,
    memberId: input.memberId,
    correlationId: command.requestId,
    occurredAt: now,
  };
  const recorded = createEvent({
    ...scope,
    type: 'purchase.recorded',
    data: {
      purchaseId,
      memberId: input.memberId,
      storeId: input.storeId,
      receiptNumber: input.receiptNumber,
      amountFen: input.amountFen,
      lines: input.lines,
      purchasedAt: purchase.purchasedAt,
    },
  });
  const earnedEvent = createEvent({
    ...scope,
    type: 'points.earned',
    causationId: recorded.id,
    data: {
      memberId: input.memberId,
      purchaseId,
      points: earned,
      balance,
      rule: BASE_EARN_RULE.name,
    },
  });
  await appendToOutbox(trx, [recorded, earnedEvent]);
  // Hook (loyalty-programme): the purchase counts towards the member's tier (R3).
  await tierProgress.afterPurchase(trx, {
    ...scope,
    purchaseId,
    amountFen: input.amountFen,
    purchasedAt,
    now,
    correlationId: command.requestId,
  });
  return purchase;
}
