import type { PurchaseRecordedData, PurchaseReturnedData } from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { memberPurchasesRepository as purchases } from '../../data/member-purchases.repository';
import { returnedValueFen } from './top-members-policy';

/** R10: what a member spent, where and when, kept to rank the year's top members. */
export const recordSpend = (trx: Transaction, brandId: string, p: PurchaseRecordedData) =>
  purchases.record(trx, {
    purchaseId: p.purchaseId,
    brandId,
    memberId: p.memberId,
    storeId: p.storeId,
    amountFen: p.amountFen,
    lines: p.lines.map((l) => ({ valueFen: l.quantity * l.unitPriceFen, quantity: l.quantity })),
    purchasedAt: new Date(p.purchasedAt),
  });

/** A return takes its lines' share of what was paid off the purchase's spend, once. */
export async function deductReturn(trx: Transaction, r: PurchaseReturnedData): Promise<void> {
  const purchase = await purchases.purchaseForReturn(trx, r.returnId, r.purchaseId);
  if (!purchase) return;
  await purchases.addReturned(trx, r.purchaseId, returnedValueFen(purchase, r.lines));
}
