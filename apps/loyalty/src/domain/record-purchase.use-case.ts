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
import { pointsRepository as accounts } from '../data/points.repository';
import { purchasesRepository as purchases } from '../data/purchases.repository';
import { resolveMember } from './member-directory';
import { requireStore } from './store-directory';
import { credit } from './points-book';
import { grantBirthdayGift } from './benefits/grant-birthday-gift';
import { programmeInForce } from './programme/programme.use-case';
import { tierProgress } from './programme/tier-progress';
import type { PointsPolicyFor } from './points-policy';
import { pointsForSale } from './purchase-points';
import {
  memberReferenceOf,
  purchaseAmount,
  purchaseTimeProblem,
  type PurchaseInput,
  type RecordedPurchase,
} from './purchase';

export interface RecordPurchaseDeps {
  db: Database;
  members: MembersClient;
  clock: BrandClock;
  /** A POS syncing offline sales may send them this many days late, with their own time. */
  latePurchaseDays: number;
  pointsPolicy: PointsPolicyFor;
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
 * result; so does a resend of the same receipt with the same content under a new key (a POS
 * that lost its key); the same receipt with other content is a 409.
 */
export async function recordPurchase(
  deps: RecordPurchaseDeps,
  command: RecordPurchaseCommand,
): Promise<IdempotentOutcome<RecordedPurchase>> {
  const { brandId, input } = command;
  const now = deps.clock.nowFor(brandId);
  const reference = memberReferenceOf(input);
  const amountFen = purchaseAmount(input);
  const purchasedAt = input.purchasedAt ? new Date(input.purchasedAt) : now;
  const timeProblem = purchaseTimeProblem(purchasedAt, now, deps.latePurchaseDays);
  if (timeProblem) {
    // A sale in the future can never be right; one older than the limit is refused by rule.
    const kind = purchasedAt > now ? 'invalid' : 'rule';
    throw new DomainError('INVALID_PURCHASE_TIME', timeProblem, { kind, field: 'purchasedAt' });
  }

  let memberId = '';
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('record-purchase', input),
    },
    {
      prepare: async () => {
        await requireStore(deps, brandId, input.storeId, command.requestId);
        memberId = await resolveMember(deps, brandId, reference, command.requestId);
      },
      work: (trx) => record(trx, deps, command, { memberId, amountFen, purchasedAt, now }),
    },
  );
}

interface Sale {
  memberId: string;
  amountFen: number;
  purchasedAt: Date;
  now: Date;
}

/**
 * The sale, its lines, points (by the programme: base, tier, promotions, each line with its
 * share), ledger line, tier progress, birthday gift and events, in the caller's transaction.
 */
async function record(
  trx: Transaction,
  deps: RecordPurchaseDeps,
  command: RecordPurchaseCommand,
  { memberId, amountFen, purchasedAt, now }: Sale,
): Promise<RecordedPurchase> {
  const { brandId, input } = command;
  const purchaseId = uuidv7();
  // What makes two sends of one receipt the same sale; "now" is not part of it.
  const contentFingerprint = fingerprintOf('purchase-content', {
    storeId: input.storeId,
    receiptNumber: input.receiptNumber,
    memberId,
    amountFen,
    lines: input.lines,
    purchasedAt: input.purchasedAt ? purchasedAt.toISOString() : null,
  });
  const isNewReceipt = await purchases.insert(trx, {
    id: purchaseId,
    brand_id: brandId,
    store_id: input.storeId,
    receipt_number: input.receiptNumber,
    member_id: memberId,
    amount_fen: amountFen,
    lines: input.lines,
    purchased_at: purchasedAt,
    recorded_at: now,
    content_fingerprint: contentFingerprint,
  });
  if (!isNewReceipt) {
    const first = await purchases.findByReceipt(trx, brandId, input.storeId, input.receiptNumber);
    if (first?.content_fingerprint === contentFingerprint && first.result) return first.result;
    throw new DomainError(
      'RECEIPT_ALREADY_RECORDED',
      'this receipt of this store was already recorded with other content',
      {
        kind: 'conflict',
        field: 'receiptNumber',
        existing: first && { type: 'purchase', id: first.id },
      },
    );
  }

  // The programme in force when the sale happened governs its points, tier and gift alike.
  const programme = await programmeInForce(trx, brandId, purchasedAt);
  const { earn, lines, rules } = await pointsForSale(trx, programme, {
    brandId,
    memberId,
    storeId: input.storeId,
    purchaseId,
    purchasedAt,
    lines: input.lines,
  });
  await purchases.insertLines(trx, purchaseId, lines);
  const earned = earn.totalPoints;

  const account = await accounts.lock(trx, brandId, memberId, now);
  const after = await credit(trx, account, earned, {
    brandId,
    at: now,
    kind: 'earn',
    reason: `purchase:${rules.map((r) => r.rule).join('+')}`,
    purchaseId,
    policy: deps.pointsPolicy(brandId),
    // Points of a late-synced sale count from when it happened.
    creditedAt: purchasedAt,
    rules,
    programmeVersion: earn.programmeVersion,
  });

  const purchase: RecordedPurchase = {
    purchaseId,
    storeId: input.storeId,
    receiptNumber: input.receiptNumber,
    memberId,
    amountFen,
    pointsEarned: earned,
    pointsBalance: after.balance,
    lines: lines.map((line, index) => ({
      lineNumber: index + 1,
      sku: line.sku,
      quantity: line.quantity,
      pointsEarned: line.pointsEarned,
      bonusPoints: line.bonusPoints,
    })),
    programmeVersion: earn.programmeVersion,
    rules,
    purchasedAt: purchasedAt.toISOString(),
    recordedAt: now.toISOString(),
  };
  await purchases.saveResult(trx, purchaseId, purchase, earn);

  const scope = {
    brandId,
    storeId: input.storeId,
    memberId,
    correlationId: command.requestId,
    occurredAt: now,
  };
  const recorded = createEvent({
    ...scope,
    type: 'purchase.recorded',
    data: {
      purchaseId,
      memberId,
      storeId: input.storeId,
      receiptNumber: input.receiptNumber,
      amountFen,
      lines: input.lines,
      purchasedAt: purchase.purchasedAt,
    },
  });
  const earnedEvent = createEvent({
    ...scope,
    type: 'points.earned',
    causationId: recorded.id,
    data: {
      memberId,
      purchaseId,
      points: earned,
      balance: after.balance,
      rule: rules
        .map((r) => r.rule)
        .join('+')
        .slice(0, 64),
      programmeVersion: earn.programmeVersion,
      basePoints: earn.basePoints,
      bonusPoints: earn.bonusPoints,
      rules: rules.map(({ rule, points }) => ({ rule, points })),
    },
  });
  await appendToOutbox(trx, [recorded, earnedEvent]);
  // The purchase counts towards the member's tier (R3): an upgrade happens at once.
  await tierProgress.afterPurchase(trx, programme, {
    ...scope,
    purchaseId,
    amountFen,
    purchasedAt,
    now,
    correlationId: command.requestId,
  });
  await grantBirthdayGift(trx, programme, { ...scope, purchaseId, purchasedAt, now });
  return purchase;
}
