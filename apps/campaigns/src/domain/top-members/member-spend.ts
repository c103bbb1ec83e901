import type { PurchaseRecordedData, PurchaseReturnedData } from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { memberPurchasesRepository as purchases } from '../../data/member-purchases.repository';
import { projectSpend } from '../segments/project-member-profile';
import { returnedValueFen } from './top-members-policy';

/**
 * R10: what a member spent, where and when, kept to rank the year's top members; the member's
 * running totals (segments) move in the same transaction.
 */
export async function recordSpend(trx: Transaction, brandId: string, p: PurchaseRecordedData) {
  const recorded = await purchases.record(trx, {
    purchaseId: p.purchaseId,
    brandId,
    memberId: p.memberId,
    storeId: p.storeId,
    amountFen: p.amountFen,
    lines: p.lines.map((l) => ({ valueFen: l.quantity * l.unitPriceFen, quantity: l.quantity })),
    purchasedAt: new Date(p.purchasedAt),
  });
  if (recorded) await projectSpend(trx, brandId, p.memberId, { fen: p.amountFen, purchases: 1 });
}

/** A return takes its lines' share of what was paid off the purchase's spend, once. */
export async function deductReturn(
  trx: Transaction,
  brandId: string,
  r: PurchaseReturnedData,
): Promise<void> {
  const purchase = await purchases.purchaseForReturn(trx, r.returnId, r.purchaseId);
  if (!purchase) return;
  const fen = returnedValueFen(purchase, r.lines);
  await purchases.addReturned(trx, r.purchaseId, fen);
  await projectSpend(trx, brandId, r.memberId, { fen: -fen, purchases: 0 });
}
