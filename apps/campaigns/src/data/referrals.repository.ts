import type { Queryable, Transaction } from '@laoke/platform';

export interface Referral {
  brandId: string;
  memberId: string;
  referrerMemberId: string;
  referredAt: Date;
}

export interface FirstPurchase {
  brandId: string;
  memberId: string;
  purchaseId: string;
  storeId: string;
  purchasedAt: Date;
}

interface FirstPurchaseRow {
  brand_id: string;
  member_id: string;
  purchase_id: string;
  store_id: string;
  purchased_at: Date;
}

interface ReferralRow {
  brand_id: string;
  member_id: string;
  referrer_member_id: string;
  referred_at: Date;
}

const toReferral = (row: ReferralRow): Referral => ({
  brandId: row.brand_id,
  memberId: row.member_id,
  referrerMemberId: row.referrer_member_id,
  referredAt: row.referred_at,
});

export const referralsRepository = {
  /** Serialises the referral and the first-purchase handlers of one member, whichever comes first. */
  async lockMember(trx: Transaction, brandId: string, memberId: string): Promise<void> {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`referral:${brandId}:${memberId}`]);
  },

  async insertReferral(db: Queryable, referral: Referral): Promise<void> {
    await db('referrals')
      .insert({
        brand_id: referral.brandId,
        member_id: referral.memberId,
        referrer_member_id: referral.referrerMemberId,
        referred_at: referral.referredAt,
      })
      .onConflict(['brand_id', 'member_id'])
      .ignore();
  },

  /** The member's referral if their first purchase has not been welcomed yet. */
  async unwelcomed(db: Queryable, brandId: string, memberId: string) {
    const row = await db<ReferralRow>('referrals')
      .where({ brand_id: brandId, member_id: memberId })
      .whereNull('welcomed_at')
      .first();
    return row && toReferral(row);
  },

  async markWelcomed(db: Queryable, referral: Referral, purchaseId: string, at: Date) {
    await db('referrals')
      .where({ brand_id: referral.brandId, member_id: referral.memberId })
      .update({ first_purchase_id: purchaseId, welcomed_at: at });
  },

  /** Keeps the first purchase seen; returns it, whether it was this one or an earlier one. */
  async keepFirstPurchase(db: Queryable, purchase: FirstPurchase): Promise<FirstPurchase> {
    await db('member_first_purchases')
      .insert({
        brand_id: purchase.brandId,
        member_id: purchase.memberId,
        purchase_id: purchase.purchaseId,
        store_id: purchase.storeId,
        purchased_at: purchase.purchasedAt,
      })
      .onConflict(['brand_id', 'member_id'])
      .ignore();
    return (await this.firstPurchase(db, purchase.brandId, purchase.memberId)) ?? purchase;
  },

  async firstPurchase(db: Queryable, brandId: string, memberId: string) {
    const row = await db<FirstPurchaseRow>('member_first_purchases')
      .where({ brand_id: brandId, member_id: memberId })
      .first();
    return (
      row && {
        brandId: row.brand_id,
        memberId: row.member_id,
        purchaseId: row.purchase_id,
        storeId: row.store_id,
        purchasedAt: row.purchased_at,
      }
    );
  },

  async forgetMember(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('referrals').where({ brand_id: brandId, member_id: memberId }).delete();
    await db('member_first_purchases').where({ brand_id: brandId, member_id: memberId }).delete();
  },
};
