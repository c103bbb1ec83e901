import type { Queryable } from '@laoke/platform';

export interface ProgrammeMember {
  memberId: string;
  brandId: string;
  birthday: string | null;
  registeredAt: Date;
}

/** Projection of the member facts the programme reads (birthday, joining date), from member.*. */
export const programmeMembersRepository = {
  async upsert(db: Queryable, member: ProgrammeMember): Promise<void> {
    await db('programme_members')
      .insert({
        member_id: member.memberId,
        brand_id: member.brandId,
        birthday: member.birthday,
        registered_at: member.registeredAt,
      })
      .onConflict('member_id')
      .merge(['birthday']);
  },

  async setBirthday(db: Queryable, brandId: string, memberId: string, birthday: string | null) {
    await db('programme_members')
      .where({ brand_id: brandId, member_id: memberId })
      .update({ birthday });
  },

  /** Erasure: the birthday and joining date go with the row. */
  async forget(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('programme_members').where({ brand_id: brandId, member_id: memberId }).delete();
  },

  async find(db: Queryable, brandId: string, memberId: string) {
    const row = await db('programme_members')
      .where({ brand_id: brandId, member_id: memberId })
      .first<
        | { member_id: string; brand_id: string; birthday: string | null; registered_at: Date }
        | undefined
      >(db.raw("member_id, brand_id, to_char(birthday, 'YYYY-MM-DD') as birthday, registered_at"));
    return (
      row && {
        memberId: row.member_id,
        brandId: row.brand_id,
        birthday: row.birthday,
        registeredAt: row.registered_at,
      }
    );
  },
};
