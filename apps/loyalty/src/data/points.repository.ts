import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';

export interface PointsAccount {
  memberId: string;
  balance: number;
  lifetimeEarned: number;
  updatedAt: Date | null;
}

interface PointsAccountRow {
  member_id: string;
  brand_id: string;
  balance: string;
  lifetime_earned: string;
  updated_at: Date;
}

export interface LedgerEntry {
  id: string;
  delta: number;
  balanceAfter: number;
  reason: string;
  purchaseId: string | null;
  createdAt: Date;
}

interface LedgerRow {
  id: string;
  member_id: string;
  brand_id: string;
  delta: number;
  balance_after: string;
  reason: string;
  purchase_id: string | null;
  created_at: Date;
}

export interface PointsChange {
  memberId: string;
  brandId: string;
  delta: number;
  reason: string;
  purchaseId?: string;
  at: Date;
}

export const pointsRepository = {
  /** Applies a change to the balance and writes the ledger line; returns the new balance. */
  async apply(db: Queryable, change: PointsChange): Promise<number> {
    const [account] = await db('points_accounts')
      .insert({
        member_id: change.memberId,
        brand_id: change.brandId,
        balance: change.delta,
        lifetime_earned: Math.max(change.delta, 0),
        updated_at: change.at,
      })
      .onConflict('member_id')
      .merge({
        balance: db.raw('points_accounts.balance + excluded.balance'),
        lifetime_earned: db.raw('points_accounts.lifetime_earned + excluded.lifetime_earned'),
        updated_at: change.at,
      })
      .returning<{ balance: string }[]>('balance');
    const balance = Number(account?.balance);
    await db('points_ledger').insert({
      id: uuidv7(),
      member_id: change.memberId,
      brand_id: change.brandId,
      delta: change.delta,
      balance_after: balance,
      reason: change.reason,
      purchase_id: change.purchaseId ?? null,
      created_at: change.at,
    });
    return balance;
  },

  async find(db: Queryable, brandId: string, memberId: string): Promise<PointsAccount | undefined> {
    const row = await db<PointsAccountRow>('points_accounts')
      .where({ brand_id: brandId, member_id: memberId })
      .first();
    return (
      row && {
        memberId: row.member_id,
        balance: Number(row.balance),
        lifetimeEarned: Number(row.lifetime_earned),
        updatedAt: row.updated_at,
      }
    );
  },

  /** Newest first; `limit` entries after `after`, plus one to tell whether more follow. */
  async ledger(
    db: Queryable,
    brandId: string,
    memberId: string,
    page: PageRequest,
  ): Promise<LedgerEntry[]> {
    const query = db<LedgerRow>('points_ledger').where({ brand_id: brandId, member_id: memberId });
    return (await keysetPage(query, 'created_at', 'desc', page)).map((row) => ({
      id: row.id,
      delta: row.delta,
      balanceAfter: Number(row.balance_after),
      reason: row.reason,
      purchaseId: row.purchase_id,
      createdAt: row.created_at,
    }));
  },
};
