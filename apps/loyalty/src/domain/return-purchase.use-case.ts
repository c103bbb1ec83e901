import { createEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { pointsRepository as accounts } from '../data/points.repository';
import { benefitsRepository as benefits } from '../data/benefits.repository';
import { purchasesRepository as purchases, type StoredLine } from '../data/purchases.repository';
import { takeBack } from './points-book';
import { pointsToReverse } from './points';
import { tierProgress } from './programme/tier-progress';

export interface ReturnPurchaseDeps {
  db: Database;
  clock: BrandClock;
}

export interface ReturnPurchaseCommand {
  brandId: string;
  purchaseId: string;
  idempotencyKey: string;
  requestId: string;
  /** The lines and quantities brought back; none = everything not returned yet. */
  lines?: { lineNumber: number; quantity: number }[];
}

export interface ReturnedLine {
  lineNumber: number;
  sku: string;
  quantity: number;
  pointsReversed: number;
}

export interface RecordedReturn {
  returnId: string;
  purchaseId: string;
  lines: ReturnedLine[];
  pointsReversed: number;
  pointsBalance: number;
  returnedAt: string;
}

/**
 * A full or partial return (R4): each returned line gives back exactly the points it earned
 * for the quantity returned, line by line, its share of tier and promotion bonus included. Points already spent are still taken back: the
 * balance goes negative, and the member's next points pay that debt first.
 */
export async function returnPurchase(
  deps: ReturnPurchaseDeps,
  command: ReturnPurchaseCommand,
): Promise<IdempotentOutcome<RecordedReturn>> {
  const { brandId, purchaseId } = command;
  const now = deps.clock.nowFor(brandId);
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('return-purchase', { purchaseId, lines: command.lines ?? null }),
    },
    {
      work: async (trx) => {
        const purchase = await purchases.find(trx, brandId, purchaseId);
        if (!purchase) {
          throw new DomainError('PURCHASE_NOT_FOUND', 'no purchase has this id', {
            kind: 'not-found',
            field: 'purchaseId',
          });
        }
        const account = await accounts.lock(trx, brandId, purchase.member_id, now);
        const stored = await purchases.lockLines(trx, purchaseId);
        const returned = returnedLines(stored, command.lines);
        const returnId = uuidv7();
        for (const line of returned) await purchases.markReturned(trx, purchaseId, line);
        const points = returned.reduce((sum, line) => sum + line.pointsReversed, 0);
        await purchases.insertReturn(trx, {
          id: returnId,
          purchaseId,
          brandId,
          lines: returned,
          pointsReversed: points,
          at: now,
        });
        const after = await takeBack(trx, account, points, {
          brandId,
          at: now,
          kind: 'reverse',
          reason: `return of lines ${returned.map((l) => `${l.lineNumber}x${l.quantity}`).join(',')} of purchase ${purchase.receipt_number}`,
          purchaseId,
          returnId,
        });
        // What was returned stops counting towards the tier (R3); a purchase returned whole
        // no longer counts as a purchase, nor keeps the birthday gift it earned if unclaimed.
        const wholePurchase = stored.every(
          (line) =>
            line.quantity ===
            line.returnedQuantity +
              (returned.find((r) => r.lineNumber === line.lineNumber)?.quantity ?? 0),
        );
        await tierProgress.afterReturn(trx, {
          brandId,
          memberId: purchase.member_id,
          purchaseId,
          refundedFen: returned.reduce(
            (sum, r) =>
              sum +
              r.quantity * (stored.find((l) => l.lineNumber === r.lineNumber)?.unitPriceFen ?? 0),
            0,
          ),
          wholePurchase,
          // Taken off the period the purchase counted in, not the one of the return.
          at: purchase.purchased_at,
        });
        if (wholePurchase) await benefits.withdrawForPurchase(trx, purchaseId);
        const result: RecordedReturn = {
          returnId,
          purchaseId,
          lines: returned,
          pointsReversed: points,
          pointsBalance: after.balance,
          returnedAt: now.toISOString(),
        };
        await appendToOutbox(trx, [
          createEvent({
            type: 'purchase.returned',
            brandId,
            storeId: purchase.store_id,
            memberId: purchase.member_id,
            correlationId: command.requestId,
            occurredAt: now,
            data: {
              returnId,
              purchaseId,
              memberId: purchase.member_id,
              storeId: purchase.store_id,
              lines: returned,
              pointsReversed: points,
              balance: after.balance,
            },
          }),
        ]);
        return result;
      },
    },
  );
}

/** What this return takes back per line; more than is left of a line is refused. */
function returnedLines(
  stored: StoredLine[],
  asked: ReturnPurchaseCommand['lines'],
): ReturnedLine[] {
  const wanted =
    asked ??
    stored
      .filter((line) => line.quantity > line.returnedQuantity)
      .map((line) => ({
        lineNumber: line.lineNumber,
        quantity: line.quantity - line.returnedQuantity,
      }));
  if (wanted.length === 0) {
    throw new DomainError('NOTHING_TO_RETURN', 'every line of this purchase was already returned', {
      kind: 'rule',
      field: 'lines',
    });
  }
  const seen = new Set<number>();
  return wanted.map((ask, index) => {
    const line = stored.find((s) => s.lineNumber === ask.lineNumber);
    if (!line || seen.has(ask.lineNumber)) {
      throw new DomainError(
        'UNKNOWN_PURCHASE_LINE',
        line ? 'this line is named twice' : 'the purchase has no line with this number',
        { kind: line ? 'invalid' : 'rule', field: `lines[${index}].lineNumber` },
      );
    }
    seen.add(ask.lineNumber);
    const left = line.quantity - line.returnedQuantity;
    if (ask.quantity > left) {
      throw new DomainError(
        'RETURN_EXCEEDS_PURCHASE',
        `only ${left} of this line can still be returned`,
        { kind: 'rule', field: `lines[${index}].quantity` },
      );
    }
    return {
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: ask.quantity,
      pointsReversed: pointsToReverse(line, ask.quantity),
    };
  });
}
