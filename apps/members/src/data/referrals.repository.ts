import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';

export type ReferralVia = 'member-id' | 'card-number' | 'mobile' | 'referral-code';

export interface Referral {
  referredMemberId: string;
  referrerMemberId: string;
  via: ReferralVia;
  referredAt: Date;
}

interface ReferralRow {
  id: string;
  brand_id: string;
  referrer_member_id: string;
  via: ReferralVia;
  referred_at: Date;
}

export const referralsRepository = {
  async insert(db: Queryable, brandId: string, referral: Referral): Promise<void> {
    await db('referrals').insert({
      id: referral.referredMemberId,
      brand_id: brandId,
      referrer_member_id: referral.referrerMemberId,
      via: referral.via,
      referred_at: referral.referredAt,
    });
  },

  /** The members a member brought, newest first, one page. */
  async pageByReferrer(
    db: Queryable,
    brandId: string,
    referrerMemberId: string,
    page: PageRequest,
  ): Promise<Referral[]> {
    const rows: ReferralRow[] = await keysetPage(
      db<ReferralRow>('referrals').where({
        brand_id: brandId,
        referrer_member_id: referrerMemberId,
      }),
      'referred_at',
      'desc',
      page,
    );
    return rows.map((row) => ({
      referredMemberId: row.id,
      referrerMemberId: row.referrer_member_id,
      via: row.via,
      referredAt: row.referred_at,
    }));
  },

  /** Erasure: the member is neither anyone's referrer nor referred by anyone any more. */
  async detach(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('referrals')
      .where({ brand_id: brandId })
      .andWhere((q) => {
        void q.where({ id: memberId }).orWhere({ referrer_member_id: memberId });
      })
      .delete();
  },
};
