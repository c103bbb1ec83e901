import type { Queryable } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';

export interface Lot {
  id: string;
  remaining: number;
  expiresAt: Date;
}

interface LotRow {
  id: string;
  remaining: number;
  expires_at: Date;
}

/** Why a lot's remaining points changed; `spend` holds them for a redemption, `give-back` returns them. */
export type LotMovementKind = 'earn' | 'adjust' | 'spend' | 'give-back' | 'reverse' | 'expire';

/** What a change of a lot is and when it happened (the brand's time), for reports as of a date. */
export interface LotMovement {
  kind: LotMovementKind;
  at: Date;
}

/** Written in the caller's transaction with the change itself, so the history never drifts. */
async function recordMovement(
  db: Queryable,
  lotId: string,
  points: number,
  movement: LotMovement,
): Promise<void> {
  await db.raw(
    `insert into points_lot_movements (id, lot_id, brand_id, kind, points, at)
     select ?, id, brand_id, ?, ?, ? from points_lots where id = ?`,
    [uuidv7(), movement.kind, points, movement.at, lotId],
  );
}

const toLot = (row: LotRow): Lot => ({
  id: row.id,
  remaining: row.remaining,
  expiresAt: row.expires_at,
});

/** Points kept as lots, each with its own expiry. Callers hold the member's account lock. */
export const lotsRepository = {
  async insert(
    db: Queryable,
    lot: {
      memberId: string;
      brandId: string;
      purchaseId?: string;
      points: number;
      spendableFrom: Date;
      expiresAt: Date;
      at: Date;
      kind?: 'earn' | 'adjust';
    },
  ): Promise<string> {
    const id = uuidv7();
    // The lot and its first movement in one statement: one round trip on the purchase path.
    await db.raw(
      `with lot as (
         insert into points_lots
           (id, member_id, brand_id, purchase_id, points, remaining, spendable_from, expires_at, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id, brand_id)
       insert into points_lot_movements (id, lot_id, brand_id, kind, points, at)
       select ?, id, brand_id, ?, ?, ? from lot`,
      [
        id,
        lot.memberId,
        lot.brandId,
        lot.purchaseId ?? null,
        lot.points,
        lot.points,
        lot.spendableFrom,
        lot.expiresAt,
        lot.at,
        uuidv7(),
        lot.kind ?? 'earn',
        lot.points,
        lot.at,
      ],
    );
    return id;
  },

  /** Lots that can be spent at `now`, soonest-expiring first. */
  async spendable(db: Queryable, memberId: string, now: Date): Promise<Lot[]> {
    const rows = await db('points_lots')
      .where({ member_id: memberId })
      .andWhere('remaining', '>', 0)
      .andWhere('spendable_from', '<=', now)
      .andWhere('expires_at', '>', now)
      .orderBy([{ column: 'expires_at' }, { column: 'created_at' }, { column: 'id' }])
      .select<LotRow[]>('id', 'remaining', 'expires_at');
    return rows.map(toLot);
  },

  /** Every lot still holding points, the purchase's own first, then soonest-expiring. */
  async holdingPoints(db: Queryable, memberId: string, purchaseId?: string): Promise<Lot[]> {
    const rows = await db('points_lots')
      .where({ member_id: memberId })
      .andWhere('remaining', '>', 0)
      .orderByRaw('(purchase_id is not distinct from ?) desc, expires_at, created_at, id', [
        purchaseId ?? null,
      ])
      .select<LotRow[]>('id', 'remaining', 'expires_at');
    return rows.map(toLot);
  },

  async due(db: Queryable, memberId: string, now: Date): Promise<Lot[]> {
    const rows = await db('points_lots')
      .where({ member_id: memberId })
      .andWhere('remaining', '>', 0)
      .andWhere('expires_at', '<=', now)
      .select<LotRow[]>('id', 'remaining', 'expires_at');
    return rows.map(toLot);
  },

  async spendableTotal(db: Queryable, memberId: string, now: Date): Promise<number> {
    const row = await db('points_lots')
      .where({ member_id: memberId })
      .andWhere('spendable_from', '<=', now)
      .andWhere('expires_at', '>', now)
      .sum<{ total: string | null }>({ total: 'remaining' })
      .first();
    return Number(row?.total ?? 0);
  },

  async take(db: Queryable, lotId: string, points: number, movement: LotMovement): Promise<void> {
    await db('points_lots').where({ id: lotId }).decrement('remaining', points);
    await recordMovement(db, lotId, -points, movement);
  },

  async giveBack(db: Queryable, lotId: string, points: number, at: Date): Promise<void> {
    await db('points_lots').where({ id: lotId }).increment('remaining', points);
    await recordMovement(db, lotId, points, { kind: 'give-back', at });
  },

  /** Members of a brand with lots due at `now`, oldest expiry first. */
  async membersWithDueLots(
    db: Queryable,
    brandId: string,
    now: Date,
    limit: number,
  ): Promise<string[]> {
    const rows = await db('points_lots')
      .where({ brand_id: brandId })
      .andWhere('remaining', '>', 0)
      .andWhere('expires_at', '<=', now)
      .groupBy('member_id')
      .orderByRaw('min(expires_at)')
      .limit(limit)
      .select<{ member_id: string }[]>('member_id');
    return rows.map((row) => row.member_id);
  },

  async brandsWithPoints(db: Queryable): Promise<string[]> {
    const rows = await db('points_accounts').distinct<{ brand_id: string }[]>('brand_id');
    return rows.map((row) => row.brand_id);
  },
};
