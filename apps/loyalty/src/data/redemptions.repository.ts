import type { Queryable } from '@laoke/platform';
import type { LotDraw } from '../domain/points-book';

export type RedemptionStatus = 'reserved' | 'confirmed' | 'cancelled' | 'expired';

export interface RedeemedItem {
  sku: string;
  listPriceFen: number;
  onSale: boolean;
}

export interface Redemption {
  redemptionId: string;
  brandId: string;
  memberId: string;
  rewardId: string;
  storeId: string;
  points: number;
  item: RedeemedItem;
  status: RedemptionStatus;
  reservedAt: Date;
  holdUntil: Date;
  settledAt: Date | null;
  stockTaken: boolean;
}

interface RedemptionRow {
  id: string;
  brand_id: string;
  member_id: string;
  reward_id: string;
  store_id: string;
  points: number;
  item: RedeemedItem;
  status: RedemptionStatus;
  reserved_at: Date;
  hold_until: Date;
  settled_at: Date | null;
  stock_taken: boolean;
}

const toRedemption = (row: RedemptionRow): Redemption => ({
  redemptionId: row.id,
  brandId: row.brand_id,
  memberId: row.member_id,
  rewardId: row.reward_id,
  storeId: row.store_id,
  points: row.points,
  item: row.item,
  status: row.status,
  reservedAt: row.reserved_at,
  holdUntil: row.hold_until,
  settledAt: row.settled_at,
  stockTaken: row.stock_taken,
});

export const redemptionsRepository = {
  async insert(db: Queryable, r: Omit<Redemption, 'settledAt'>, draws: LotDraw[]): Promise<void> {
    await db('redemptions').insert({
      id: r.redemptionId,
      brand_id: r.brandId,
      member_id: r.memberId,
      reward_id: r.rewardId,
      store_id: r.storeId,
      points: r.points,
      item: JSON.stringify(r.item),
      status: r.status,
      reserved_at: r.reservedAt,
      hold_until: r.holdUntil,
      stock_taken: r.stockTaken,
    });
    await db('redemption_draws').insert(
      draws.map((d) => ({ redemption_id: r.redemptionId, lot_id: d.lotId, points: d.points })),
    );
  },

  /** Locked until the transaction ends, so a confirm, a cancel and the timeout job queue. */
  async lock(
    db: Queryable,
    brandId: string,
    redemptionId: string,
  ): Promise<Redemption | undefined> {
    const row = await db<RedemptionRow>('redemptions')
      .where({ id: redemptionId, brand_id: brandId })
      .forUpdate()
      .first();
    return row && toRedemption(row);
  },

  /** Reservations past their hold; ones another replica holds are skipped. */
  async claimTimedOut(db: Queryable, now: Date, limit: number): Promise<Redemption[]> {
    const rows = await db<RedemptionRow>('redemptions')
      .where({ status: 'reserved' })
      .andWhere('hold_until', '<=', now)
      .orderBy('hold_until')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(toRedemption);
  },

  async draws(db: Queryable, redemptionId: string): Promise<LotDraw[]> {
    const rows = await db('redemption_draws')
      .where({ redemption_id: redemptionId })
      .select<{ lot_id: string; points: number }[]>('lot_id', 'points');
    return rows.map((row) => ({ lotId: row.lot_id, points: row.points }));
  },

  async settle(db: Queryable, redemptionId: string, status: RedemptionStatus, at: Date) {
    await db('redemptions').where({ id: redemptionId }).update({ status, settled_at: at });
  },
};
