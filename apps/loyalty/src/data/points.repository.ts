import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';

export interface PointsAccount {
  memberId: string;
  balance: number;
  held: number;
  debt: number;
  lifetimeEarned: number;
  updatedAt: Date | null;
}

interface PointsAccountRow {
  member_id: string;
  brand_id: string;
  balance: string;
  held: string;
  debt: string;
  lifetime_earned: string;
  updated_at: Date;
}

export type LedgerKind = 'earn' | 'redeem' | 'expire' | 'adjust' | 'reverse';

export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  delta: number;
  balanceAfter: number;
  reason: string;
  purchaseId: string | null;
  rules: { rule: string; points: number; explanation?: string }[] | null;
  programmeVersion: number | null;
  createdAt: Date;
}

interface LedgerRow {
  id: string;
  member_id: string;
  brand_id: string;
  kind: LedgerKind;
  delta: number;
  balance_after: string;
  reason: string;
  purchase_id: string | null;
  rules: LedgerEntry['rules'];
  programme_version: number | null;
  created_at: Date;
}

export interface NewLedgerEntry {
  memberId: string;
  brandId: string;
  kind: LedgerKind;
  delta: number;
  balanceAfter: number;
  /** Why: the rule, return, reward or person behind the change. */
  reason: string;
  purchaseId?: string;
  returnId?: string;
  redemptionId?: string;
  adjustmentId?: string;
  rules?: { rule: string; points: number; explanation?: string }[];
  programmeVersion?: number;
  at: Date;
}

const toAccount = (row: PointsAccountRow): PointsAccount => ({
  memberId: row.member_id,
  balance: Number(row.balance),
  held: Number(row.held),
  debt: Number(row.debt),
  lifetimeEarned: Number(row.lifetime_earned),
  updatedAt: row.updated_at,
});

export const pointsRepository = {
  /**
   * The member's account, locked until the transaction ends: every change to a member's
   * points takes this lock first, so concurrent changes queue instead of losing an update.
   */
  async lock(db: Queryable, brandId: string, memberId: string, at: Date): Promise<PointsAccount> {
    // Creating the account or, when it exists, a no-op update: either way the row is locked
    // and returned in one round trip (ON CONFLICT DO UPDATE locks like FOR UPDATE).
    const [row] = await db<PointsAccountRow>('points_accounts')
      .insert({
        member_id: memberId,
        brand_id: brandId,
        balance: '0',
        lifetime_earned: '0',
        updated_at: at,
      })
      .onConflict('member_id')
      .merge(['member_id'])
      .returning('*');
    if (!row) throw new Error(`points account of ${memberId} vanished under its lock`);
    return toAccount(row);
  },

  /** Members whose account another transaction holds are skipped (several replicas). */
  async tryLock(db: Queryable, memberId: string): Promise<boolean> {
    const row = await db('points_accounts')
      .where({ member_id: memberId })
      .forUpdate()
      .skipLocked()
      .first<{ member_id: string } | undefined>('member_id');
    return row !== undefined;
  },

  async save(db: Queryable, account: Omit<PointsAccount, 'updatedAt'>, at: Date): Promise<void> {
    await db('points_accounts').where({ member_id: account.memberId }).update({
      balance: account.balance,
      held: account.held,
      debt: account.debt,
      lifetime_earned: account.lifetimeEarned,
      updated_at: at,
    });
  },

  async append(db: Queryable, entry: NewLedgerEntry): Promise<string> {
    const id = uuidv7();
    await db('points_ledger').insert({
      id,
      member_id: entry.memberId,
      brand_id: entry.brandId,
      kind: entry.kind,
      delta: entry.delta,
      balance_after: entry.balanceAfter,
      reason: entry.reason,
      purchase_id: entry.purchaseId ?? null,
      return_id: entry.returnId ?? null,
      redemption_id: entry.redemptionId ?? null,
      adjustment_id: entry.adjustmentId ?? null,
      rules: entry.rules ? JSON.stringify(entry.rules) : null,
      programme_version: entry.programmeVersion ?? null,
      created_at: entry.at,
    });
    return id;
  },

  async find(db: Queryable, brandId: string, memberId: string): Promise<PointsAccount | undefined> {
    const row = await db<PointsAccountRow>('points_accounts')
      .where({ brand_id: brandId, member_id: memberId })
      .first();
    return row && toAccount(row);
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
      kind: row.kind,
      delta: row.delta,
      balanceAfter: Number(row.balance_after),
      reason: row.reason,
      purchaseId: row.purchase_id,
      rules: row.rules,
      programmeVersion: row.programme_version,
      createdAt: row.created_at,
    }));
  },
};
