import type { Queryable } from '@laoke/platform';

const TABLE = 'member_profiles';
const KEY = ['brand_id', 'member_id'];

/** Segment facts no other projection keeps: tier, tags, consent, running spend totals. */
export const memberProfilesRepository = {
  async setTier(db: Queryable, brandId: string, memberId: string, tier: string | null) {
    await db(TABLE)
      .insert({ brand_id: brandId, member_id: memberId, tier })
      .onConflict(KEY)
      .merge(['tier']);
  },

  async setTags(db: Queryable, brandId: string, memberId: string, tags: string[]) {
    await db(TABLE)
      .insert({ brand_id: brandId, member_id: memberId, tags })
      .onConflict(KEY)
      .merge(['tags']);
  },

  async setConsent(
    db: Queryable,
    brandId: string,
    memberId: string,
    key: string,
    granted: boolean,
  ) {
    const consent = JSON.stringify({ [key]: granted });
    await db(TABLE)
      .insert({ brand_id: brandId, member_id: memberId, consents: consent })
      .onConflict(KEY)
      .merge({ consents: db.raw(`${TABLE}.consents || ?::jsonb`, [consent]) });
  },

  /** Adds a purchase (count +1) or takes a return off (count unchanged) the member's totals. */
  async addSpend(
    db: Queryable,
    brandId: string,
    memberId: string,
    change: { fen: number; purchases: number },
  ) {
    await db(TABLE)
      .insert({
        brand_id: brandId,
        member_id: memberId,
        spend_fen: Math.max(change.fen, 0),
        purchase_count: change.purchases,
      })
      .onConflict(KEY)
      .merge({
        spend_fen: db.raw(`greatest(${TABLE}.spend_fen + ?, 0)`, [change.fen]),
        purchase_count: db.raw(`${TABLE}.purchase_count + ?`, [change.purchases]),
      });
  },

  async forget(db: Queryable, brandId: string, memberId: string) {
    await db(TABLE).where({ brand_id: brandId, member_id: memberId }).delete();
  },
};
