import { createEvent } from '@laoke/contracts';
import {
  appendToOutbox,
  conflict,
  unprocessable,
  type Clock,
  type Database,
  type Transaction,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import type { MembersClient } from '../clients/members.client';
import { idempotencyRepository as idempotency } from '../data/idempotency.repository';
import { pointsRepository as points } from '../data/points.repository';
import { purchasesRepository as purchases } from '../data/purchases.repository';
import { memberExists } from './member-directory';
import { BASE_EARN_RULE, pointsEarned } from './points';
import {
  purchaseTimeProblem,
  requestFingerprint,
  type PurchaseInput,
  type RecordedPurchase,
} from './purchase';

export interface RecordPurchaseDeps {
  db: Database;
  members: MembersClient;
  clock: Clock;
  maxPurchaseAgeDays: number;
}

export interface RecordPurchaseCommand {
  brandId: string;
  idempotencyKey: string;
  requestId: string;
  input: PurchaseInput;
}

export interface RecordPurchaseResult {
  purchase: RecordedPurchase;
  replayed: boolean;
}

async function replayOf(
  db: Database | Transaction,
  command: RecordPurchaseCommand,
  fingerprint: string,
): Promise<RecordPurchaseResult | undefined> {
  const stored = await idempotency.find(db, command.brandId, command.idempotencyKey);
  if (!stored) return undefined;
  if (stored.requestFingerprint !== fingerprint) {
    throw unprocessable(
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was already used for a different purchase',
      'Idempotency-Key',
    );
  }
  return { purchase: stored.body as RecordedPurchase, replayed: true };
}

/**
 * Records a POS sale and credits its points (R4) in one transaction, with the events that
 * start the follow-up cadence (R6). A retry with the same Idempotency-Key returns the first
 * result and changes nothing.
 */
export async function recordPurchase(
  deps: RecordPurchaseDeps,
  command: RecordPurchaseCommand,
): Promise<RecordPurchaseResult> {
  const { brandId, input } = command;
  const now = deps.clock.now();
  const purchasedAt = input.purchasedAt ? new Date(input.purchasedAt) : now;
  const timeProblem = purchaseTimeProblem(purchasedAt, now, deps.maxPurchaseAgeDays);
  if (timeProblem)
    throw unprocessable('INVALID_PURCHASE_TIME', `purchasedAt ${timeProblem}`, 'purchasedAt');

  const fingerprint = requestFingerprint(input);
  const earlier = await replayOf(deps.db, command, fingerprint);
  if (earlier) return earlier;
  if (!(await memberExists(deps, brandId, input.memberId, command.requestId))) {
    throw unprocessable('UNKNOWN_MEMBER', `member ${input.memberId} does not exist`, 'memberId');
  }

  return deps.db.transaction(async (trx) => {
    if (!(await idempotency.claim(trx, brandId, command.idempotencyKey, fingerprint))) {
      const concurrent = await replayOf(trx, command, fingerprint);
      if (concurrent) return concurrent;
    }
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
      throw conflict(
        'RECEIPT_ALREADY_RECORDED',
        `receipt ${input.receiptNumber} of store ${input.storeId} was already recorded`,
        'receiptNumber',
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
    await idempotency.saveResponse(trx, brandId, command.idempotencyKey, 201, purchase);
    return { purchase, replayed: false };
  });
}
