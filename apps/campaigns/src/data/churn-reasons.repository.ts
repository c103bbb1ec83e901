import type { Queryable } from '@laoke/platform';

export const churnReasonsRepository = {
  async insert(
    db: Queryable,
    reason: {
      id: string;
      brandId: string;
      memberId: string;
      code: string;
      note: string | null;
      at: Date;
    },
  ): Promise<void> {
    await db('churn_reasons').insert({
      id: reason.id,
      brand_id: reason.brandId,
      member_id: reason.memberId,
      reason_code: reason.code,
      note: reason.note,
      noted_at: reason.at,
    });
  },

  /** How often each reason was given in [from, to). */
  async tally(
    db: Queryable,
    scope: { brandId: string; from: Date; to: Date },
  ): Promise<{ reasonCode: string; count: number }[]> {
    const rows = await db('churn_reasons')
      .where('brand_id', scope.brandId)
      .andWhere('noted_at', '>=', scope.from)
      .andWhere('noted_at', '<', scope.to)
      .groupBy('reason_code')
      .orderBy([{ column: 'count', order: 'desc' }, { column: 'reason_code' }])
      .select('reason_code', db.raw('count(*)::int as count'));
    return rows.map((row: { reason_code: string; count: number }) => ({
      reasonCode: row.reason_code,
      count: row.count,
    }));
  },

  /** Erasure: the reason code stays in the tally (R9); the free note about the member goes. */
  async forgetNotesOf(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('churn_reasons')
      .where({ brand_id: brandId, member_id: memberId })
      .update({ note: null });
  },
};
