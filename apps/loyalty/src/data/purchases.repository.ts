import type { PurchaseLine } from '@laoke/contracts';
import type { Queryable } from '@laoke/platform';

export interface PurchaseRow {
  id: string;
  brand_id: string;
  store_id: string;
  receipt_number: string;
  member_id: string;
  amount_fen: string;
  lines: PurchaseLine[];
  purchased_at: Date;
  recorded_at: Date;
}

export const purchasesRepository = {
  /** Returns false when the receipt was already recorded (the natural key holds). */
  async insert(
    db: Queryable,
    purchase: Omit<PurchaseRow, 'amount_fen' | 'lines'> & {
      amount_fen: number;
      lines: PurchaseLine[];
    },
  ): Promise<boolean> {
    const inserted = await db('purchases')
      .insert({ ...purchase, lines: JSON.stringify(purchase.lines) })
      .onConflict(['brand_id', 'store_id', 'receipt_number'])
      .ignore()
      .returning('id');
    return inserted.length > 0;
  },

  async findByReceipt(db: Queryable, brandId: string, storeId: string, receiptNumber: string) {
    return db<PurchaseRow>('purchases')
      .where({ brand_id: brandId, store_id: storeId, receipt_number: receiptNumber })
      .first();
  },
};
