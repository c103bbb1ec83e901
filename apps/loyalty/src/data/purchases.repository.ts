import type { PurchaseLine } from '@laoke/contracts';
import type { Queryable } from '@laoke/platform';
import type { RecordedPurchase } from '../domain/purchase';

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
  content_fingerprint: string | null;
  result: RecordedPurchase | null;
}

export interface StoredLine {
  lineNumber: number;
  sku: string;
  unitPriceFen: number;
  quantity: number;
  pointsEarned: number;
  returnedQuantity: number;
  pointsReversed: number;
}

interface PurchaseLineRow {
  purchase_id: string;
  line_number: number;
  sku: string;
  unit_price_fen: string;
  quantity: number;
  points_earned: number;
  returned_quantity: number;
  points_reversed: number;
}

export const purchasesRepository = {
  /** Returns false when the receipt was already recorded (the natural key holds). */
  async insert(
    db: Queryable,
    purchase: Omit<PurchaseRow, 'amount_fen' | 'lines' | 'result'> & {
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

  async insertLines(
    db: Queryable,
    purchaseId: string,
    lines: (PurchaseLine & {
      pointsEarned: number;
      bonusPoints: number;
      bonuses: { rule: string; points: number }[];
    })[],
  ): Promise<void> {
    await db('purchase_lines').insert(
      lines.map((line, index) => ({
        purchase_id: purchaseId,
        line_number: index + 1,
        sku: line.sku,
        category: line.category ?? null,
        list_price_fen: line.listPriceFen ?? null,
        unit_price_fen: line.unitPriceFen,
        quantity: line.quantity,
        on_sale: line.onSale ?? false,
        points_earned: line.pointsEarned,
        bonus_points: line.bonusPoints,
        bonuses: JSON.stringify(line.bonuses),
      })),
    );
  },

  async saveResult(
    db: Queryable,
    purchaseId: string,
    result: RecordedPurchase,
    earn: { programmeVersion: number },
  ): Promise<void> {
    await db('purchases')
      .where({ id: purchaseId })
      .update({
        result: JSON.stringify(result),
        programme_version: earn.programmeVersion,
        earn: JSON.stringify(earn),
      });
  },

  async findByReceipt(db: Queryable, brandId: string, storeId: string, receiptNumber: string) {
    return db<PurchaseRow>('purchases')
      .where({ brand_id: brandId, store_id: storeId, receipt_number: receiptNumber })
      .first();
  },

  async find(db: Queryable, brandId: string, purchaseId: string) {
    return db<PurchaseRow>('purchases').where({ brand_id: brandId, id: purchaseId }).first();
  },

  /** The purchase's lines, locked: returns of one purchase queue behind each other. */
  async lockLines(db: Queryable, purchaseId: string): Promise<StoredLine[]> {
    const rows = await db<PurchaseLineRow>('purchase_lines')
      .where({ purchase_id: purchaseId })
      .orderBy('line_number')
      .forUpdate();
    return rows.map((row) => ({
      lineNumber: row.line_number,
      sku: row.sku,
      unitPriceFen: Number(row.unit_price_fen),
      quantity: row.quantity,
      pointsEarned: row.points_earned,
      returnedQuantity: row.returned_quantity,
      pointsReversed: row.points_reversed,
    }));
  },

  async markReturned(
    db: Queryable,
    purchaseId: string,
    line: { lineNumber: number; quantity: number; pointsReversed: number },
  ): Promise<void> {
    await db('purchase_lines')
      .where({ purchase_id: purchaseId, line_number: line.lineNumber })
      .increment({ returned_quantity: line.quantity, points_reversed: line.pointsReversed });
  },

  async insertReturn(
    db: Queryable,
    row: {
      id: string;
      purchaseId: string;
      brandId: string;
      lines: unknown;
      pointsReversed: number;
      at: Date;
    },
  ): Promise<void> {
    await db('purchase_returns').insert({
      id: row.id,
      purchase_id: row.purchaseId,
      brand_id: row.brandId,
      lines: JSON.stringify(row.lines),
      points_reversed: row.pointsReversed,
      returned_at: row.at,
    });
  },
};
