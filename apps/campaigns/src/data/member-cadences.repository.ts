import type { Queryable } from '@laoke/platform';
import type { KnownPurchase } from '../domain/cadence-for-purchase';

interface MemberCadenceRow {
  brand_id: string;
  member_id: string;
  newest_purchase_id: string | null;
  newest_purchased_at: Date | null;
}

/** Which purchase leads each member's cadence (R6.4). */
export const memberCadencesRepository = {
  /**
   * Locks the member's row (created at their first purchase) until the transaction ends, so one
   * member's purchases are applied one after another whatever partition or replica they reach.
   */
  async lockNewest(
    db: Queryable,
    brandId: string,
    memberId: string,
  ): Promise<KnownPurchase | undefined> {
    await db('member_cadences')
      .insert({ brand_id: brandId, member_id: memberId })
      .onConflict(['brand_id', 'member_id'])
      .ignore();
    const row = await db<MemberCadenceRow>('member_cadences')
      .where({ brand_id: brandId, member_id: memberId })
      .forUpdate()
      .first();
    return row?.newest_purchase_id && row.newest_purchased_at
      ? { purchaseId: row.newest_purchase_id, purchasedAt: row.newest_purchased_at }
      : undefined;
  },

  async setNewest(
    db: Queryable,
    brandId: string,
    memberId: string,
    purchase: KnownPurchase,
  ): Promise<void> {
    await db('member_cadences').where({ brand_id: brandId, member_id: memberId }).update({
      newest_purchase_id: purchase.purchaseId,
      newest_purchased_at: purchase.purchasedAt,
    });
  },

  async forget(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('member_cadences').where({ brand_id: brandId, member_id: memberId }).delete();
  },
};
