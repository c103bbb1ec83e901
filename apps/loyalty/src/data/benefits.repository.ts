import type { Queryable } from '@laoke/platform';
import type { BenefitKind } from '@laoke/contracts';

export type BenefitStatus = 'available' | 'claimed' | 'withdrawn';

export interface HeldBenefit {
  id: string;
  kind: BenefitKind;
  period: string;
  status: BenefitStatus;
  purchaseId: string | null;
  grantedAt: Date;
  claimedAt: Date | null;
  claimedStoreId: string | null;
}

interface BenefitRow {
  id: string;
  brand_id: string;
  member_id: string;
  kind: BenefitKind;
  period: string;
  status: BenefitStatus;
  purchase_id: string | null;
  granted_at: Date;
  claimed_at: Date | null;
  claimed_store_id: string | null;
}

const toBenefit = (row: BenefitRow): HeldBenefit => ({
  id: row.id,
  kind: row.kind,
  period: row.period,
  status: row.status,
  purchaseId: row.purchase_id,
  grantedAt: row.granted_at,
  claimedAt: row.claimed_at,
  claimedStoreId: row.claimed_store_id,
});

/** Benefits a member holds or claimed (R4), one row per member, kind and period. */
export const benefitsRepository = {
  /** False when the member already holds this benefit for the period. */
  async grant(
    db: Queryable,
    benefit: {
      id: string;
      brandId: string;
      memberId: string;
      kind: BenefitKind;
      period: string;
      status: 'available' | 'claimed';
      purchaseId?: string;
      storeId?: string;
      at: Date;
    },
  ): Promise<boolean> {
    const claimed = benefit.status === 'claimed';
    const inserted = await db('member_benefits')
      .insert({
        id: benefit.id,
        brand_id: benefit.brandId,
        member_id: benefit.memberId,
        kind: benefit.kind,
        period: benefit.period,
        status: benefit.status,
        purchase_id: benefit.purchaseId ?? null,
        store_id: benefit.storeId ?? null,
        granted_at: benefit.at,
        claimed_at: claimed ? benefit.at : null,
        claimed_store_id: claimed ? (benefit.storeId ?? null) : null,
      })
      .onConflict(['member_id', 'kind', 'period'])
      .ignore()
      .returning('id');
    return inserted.length > 0;
  },

  async findForUpdate(
    db: Queryable,
    key: { brandId: string; memberId: string; kind: BenefitKind; period: string },
  ): Promise<HeldBenefit | undefined> {
    const row = await db<BenefitRow>('member_benefits')
      .where({
        brand_id: key.brandId,
        member_id: key.memberId,
        kind: key.kind,
        period: key.period,
      })
      .forUpdate()
      .first();
    return row && toBenefit(row);
  },

  async markClaimed(db: Queryable, id: string, at: Date, storeId: string | null): Promise<void> {
    await db('member_benefits')
      .where({ id })
      .update({ status: 'claimed', claimed_at: at, claimed_store_id: storeId });
  },

  /** A gift earned by a purchase that was returned in full, and not claimed yet, is withdrawn. */
  async withdrawForPurchase(db: Queryable, purchaseId: string): Promise<void> {
    await db('member_benefits')
      .where({ purchase_id: purchaseId, status: 'available' })
      .update({ status: 'withdrawn' });
  },

  async forPeriods(
    db: Queryable,
    brandId: string,
    memberId: string,
    periods: { kind: BenefitKind; period: string }[],
  ): Promise<HeldBenefit[]> {
    if (periods.length === 0) return [];
    const rows = await db<BenefitRow>('member_benefits')
      .where({ brand_id: brandId, member_id: memberId })
      .andWhere((q) => {
        for (const p of periods) void q.orWhere({ kind: p.kind, period: p.period });
      });
    return rows.map(toBenefit);
  },
};
