import type { Queryable } from '@laoke/platform';

export interface CadenceMember {
  servingAssociateId: string | null;
  /** Withdrew care consent on every channel they told us about (R5, R6 exit). */
  optedOut: boolean;
}

interface CadenceMemberRow {
  member_id: string;
  serving_associate_id: string | null;
  care_consents: Record<string, boolean>;
}

const TABLE = 'cadence_members';

const toMember = (row: CadenceMemberRow): CadenceMember => {
  const consents = Object.values(row.care_consents);
  return {
    servingAssociateId: row.serving_associate_id,
    optedOut: consents.length > 0 && consents.every((granted) => !granted),
  };
};

/** What the cadence engine knows of a member from members events. */
export const cadenceMembersRepository = {
  async find(db: Queryable, brandId: string, memberId: string): Promise<CadenceMember> {
    const row = await db<CadenceMemberRow & { brand_id: string }>(TABLE)
      .where({ brand_id: brandId, member_id: memberId })
      .first();
    return row ? toMember(row) : { servingAssociateId: null, optedOut: false };
  },

  /** The members of a brand among `memberIds` the engine knows anything of, by member id. */
  async findMany(
    db: Queryable,
    brandId: string,
    memberIds: string[],
  ): Promise<Map<string, CadenceMember>> {
    const rows = await db<CadenceMemberRow & { brand_id: string }>(TABLE)
      .where({ brand_id: brandId })
      .whereIn('member_id', memberIds);
    return new Map(rows.map((row) => [row.member_id, toMember(row)]));
  },

  async setCareConsent(
    db: Queryable,
    brandId: string,
    memberId: string,
    channel: string,
    granted: boolean,
  ): Promise<CadenceMember> {
    const consent = JSON.stringify({ [channel]: granted });
    const [row] = await db
      .raw<{ rows: CadenceMemberRow[] }>(
        `insert into ${TABLE} (brand_id, member_id, care_consents) values (?, ?, ?::jsonb)
         on conflict (brand_id, member_id)
         do update set care_consents = ${TABLE}.care_consents || excluded.care_consents
         returning *`,
        [brandId, memberId, consent],
      )
      .then((r) => r.rows);
    return toMember(row as CadenceMemberRow);
  },

  async setServingAssociate(
    db: Queryable,
    brandId: string,
    memberId: string,
    associateId: string | null,
  ): Promise<void> {
    await db(TABLE)
      .insert({ brand_id: brandId, member_id: memberId, serving_associate_id: associateId })
      .onConflict(['brand_id', 'member_id'])
      .merge(['serving_associate_id']);
  },

  async forget(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db(TABLE).where({ brand_id: brandId, member_id: memberId }).delete();
  },
};
