import type { Queryable, Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';

export interface MemberTier {
  memberId: string;
  brandId: string;
  tierCode: string | null;
  since: Date;
  periodEnd: Date;
  reviewAt: Date;
}

interface MemberTierRow {
  member_id: string;
  brand_id: string;
  tier_code: string | null;
  since: Date;
  period_end: Date;
  review_at: Date;
}

const toMemberTier = (row: MemberTierRow): MemberTier => ({
  memberId: row.member_id,
  brandId: row.brand_id,
  tierCode: row.tier_code,
  since: row.since,
  periodEnd: row.period_end,
  reviewAt: row.review_at,
});

export interface ProgressChange {
  brandId: string;
  memberId: string;
  purchaseId: string;
  amountFen: number;
  purchases: number;
  occurredAt: Date;
}

/** Members' tiers (R3) and the purchases and returns that count towards them. */
export const tiersRepository = {
  async find(db: Queryable, brandId: string, memberId: string): Promise<MemberTier | undefined> {
    const row = await db<MemberTierRow>('member_tiers')
      .where({ brand_id: brandId, member_id: memberId })
      .first();
    return row && toMemberTier(row);
  },

  /** The member's tier row, locked: purchases and the review of one member take turns. */
  async findForUpdate(trx: Transaction, brandId: string, memberId: string) {
    const row = await trx<MemberTierRow>('member_tiers')
      .where({ brand_id: brandId, member_id: memberId })
      .forUpdate()
      .first();
    return row && toMemberTier(row);
  },

  async save(db: Queryable, tier: MemberTier, at: Date): Promise<void> {
    await db('member_tiers')
      .insert({
        member_id: tier.memberId,
        brand_id: tier.brandId,
        tier_code: tier.tierCode,
        since: tier.since,
        period_end: tier.periodEnd,
        review_at: tier.reviewAt,
        updated_at: at,
      })
      .onConflict('member_id')
      .merge();
  },

  /** Rows due for review, claimed so that another replica skips them. */
  async claimDue(trx: Transaction, brandId: string, now: Date, limit: number) {
    const rows = await trx<MemberTierRow>('member_tiers')
      .where({ brand_id: brandId })
      .andWhere('review_at', '<=', now)
      .orderBy('review_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(toMemberTier);
  },

  async addProgress(db: Queryable, change: ProgressChange): Promise<void> {
    await db('tier_progress').insert({
      id: uuidv7(),
      brand_id: change.brandId,
      member_id: change.memberId,
      purchase_id: change.purchaseId,
      amount_fen: change.amountFen,
      purchases: change.purchases,
      occurred_at: change.occurredAt,
    });
  },

  /** Spend (fen) and purchase count within [from, to). */
  async progress(db: Queryable, brandId: string, memberId: string, from: Date, to: Date) {
    const row = await db('tier_progress')
      .where({ brand_id: brandId, member_id: memberId })
      .andWhere('occurred_at', '>=', from)
      .andWhere('occurred_at', '<', to)
      .first<{ spend: string | null; purchases: string | null }>(
        db.raw('sum(amount_fen) as spend'),
        db.raw('sum(purchases) as purchases'),
      );
    return { spendFen: Number(row?.spend ?? 0), purchases: Number(row?.purchases ?? 0) };
  },
};
