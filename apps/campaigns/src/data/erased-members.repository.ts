import type { Queryable } from '@laoke/platform';

/** Members erased (PIPL): ids only, so nothing new is planned for them. */
export const erasedMembersRepository = {
  async record(db: Queryable, brandId: string, memberId: string, at: Date): Promise<void> {
    await db('erased_members')
      .insert({ brand_id: brandId, member_id: memberId, erased_at: at })
      .onConflict(['brand_id', 'member_id'])
      .ignore();
  },

  async isErased(db: Queryable, brandId: string, memberId: string): Promise<boolean> {
    const row: unknown = await db('erased_members')
      .where({ brand_id: brandId, member_id: memberId })
      .first('member_id');
    return row !== undefined;
  },
};
