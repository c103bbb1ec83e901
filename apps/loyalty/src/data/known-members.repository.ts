import type { Queryable } from '@laoke/platform';

export interface KnownMember {
  memberId: string;
  brandId: string;
  homeStoreId: string;
  registeredAt: Date;
}

/** Local projection of member.registered, so earning points does not depend on the members service. */
export const knownMembersRepository = {
  async upsert(db: Queryable, member: KnownMember): Promise<void> {
    await db('known_members')
      .insert({
        member_id: member.memberId,
        brand_id: member.brandId,
        home_store_id: member.homeStoreId,
        registered_at: member.registeredAt,
      })
      .onConflict('member_id')
      .ignore();
  },

  async exists(db: Queryable, brandId: string, memberId: string): Promise<boolean> {
    const row = await db<{ member_id: string; brand_id: string }>('known_members')
      .where({ brand_id: brandId, member_id: memberId })
      .first('member_id');
    return row !== undefined;
  },

  /** Erasure: the member may earn no more; their purchases and ledger stay, keyed by an id that names nobody. */
  async forget(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('known_members').where({ brand_id: brandId, member_id: memberId }).delete();
  },
};
