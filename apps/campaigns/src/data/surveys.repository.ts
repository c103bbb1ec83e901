import type { Queryable } from '@laoke/platform';

export interface Survey {
  id: string;
  brandId: string;
  memberId: string;
  storeId: string;
  purchaseId: string;
  dueAt: Date;
  status: 'pending' | 'requested' | 'answered' | 'cancelled';
  score: number | null;
  answeredAt: Date | null;
}

interface SurveyRow {
  id: string;
  brand_id: string;
  member_id: string;
  store_id: string;
  purchase_id: string;
  due_at: Date;
  status: Survey['status'];
  score: number | null;
  answered_at: Date | null;
}

const toSurvey = (row: SurveyRow): Survey => ({
  id: row.id,
  brandId: row.brand_id,
  memberId: row.member_id,
  storeId: row.store_id,
  purchaseId: row.purchase_id,
  dueAt: row.due_at,
  status: row.status,
  score: row.score,
  answeredAt: row.answered_at,
});

export interface StoreSatisfaction {
  responses: number;
  averageScore: number | null;
  lowScores: number;
}

export const surveysRepository = {
  /** One survey per purchase, however often the purchase is delivered. */
  async insertOnce(
    db: Queryable,
    survey: Pick<Survey, 'id' | 'brandId' | 'memberId' | 'storeId' | 'purchaseId' | 'dueAt'>,
  ): Promise<void> {
    await db('surveys')
      .insert({
        id: survey.id,
        brand_id: survey.brandId,
        member_id: survey.memberId,
        store_id: survey.storeId,
        purchase_id: survey.purchaseId,
        due_at: survey.dueAt,
      })
      .onConflict('purchase_id')
      .ignore();
  },

  /** Brands with surveys waiting to be sent; each is then claimed at its own clock's now. */
  async brandsWithPending(db: Queryable): Promise<string[]> {
    const rows = await db('surveys').distinct('brand_id').where('status', 'pending');
    return rows.map((row: { brand_id: string }) => row.brand_id);
  },

  /** Claims a brand's due surveys; rows another replica holds are skipped. */
  async claimDue(db: Queryable, brandId: string, now: Date, limit: number): Promise<Survey[]> {
    const rows = await db<SurveyRow>('surveys')
      .where({ brand_id: brandId, status: 'pending' })
      .andWhere('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(toSurvey);
  },

  async markRequested(db: Queryable, ids: string[], at: Date): Promise<void> {
    await db('surveys').whereIn('id', ids).update({ status: 'requested', requested_at: at });
  },

  async findForUpdate(db: Queryable, brandId: string, id: string): Promise<Survey | undefined> {
    const row = await db<SurveyRow>('surveys').where({ brand_id: brandId, id }).forUpdate().first();
    return row && toSurvey(row);
  },

  async recordAnswer(
    db: Queryable,
    id: string,
    answer: { score: number; comment: string | null; reasonCodes: string[]; at: Date },
  ): Promise<void> {
    await db('surveys').where({ id }).update({
      status: 'answered',
      score: answer.score,
      comment: answer.comment,
      reason_codes: answer.reasonCodes,
      answered_at: answer.at,
    });
  },

  /** Responses, average score and scores at or below `lowScore` for answers in [from, to). */
  async storeSatisfaction(
    db: Queryable,
    scope: { brandId: string; storeId: string; from: Date; to: Date; lowScore: number },
  ): Promise<StoreSatisfaction> {
    const row = (await db('surveys')
      .where({ brand_id: scope.brandId, store_id: scope.storeId, status: 'answered' })
      .andWhere('answered_at', '>=', scope.from)
      .andWhere('answered_at', '<', scope.to)
      .select(
        db.raw('count(*)::int as responses'),
        db.raw('avg(score)::float as average'),
        db.raw('count(*) filter (where score <= ?)::int as low', [scope.lowScore]),
      )
      .first()) as { responses: number; average: number | null; low: number };
    return {
      responses: row.responses,
      averageScore: row.average === null ? null : Math.round(row.average * 100) / 100,
      lowScores: row.low,
    };
  },

  /** Erasure: surveys not yet answered are cancelled; answers keep their score, not their words. */
  async forgetMember(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('surveys')
      .where({ brand_id: brandId, member_id: memberId })
      .whereIn('status', ['pending', 'requested'])
      .update({ status: 'cancelled' });
    await db('surveys').where({ brand_id: brandId, member_id: memberId }).update({ comment: null });
  },
};
