import type { CaseStatus } from '@laoke/contracts';
import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';

export interface ComplaintCase {
  id: string;
  brandId: string;
  storeId: string;
  memberId: string;
  surveyId: string;
  status: CaseStatus;
  deadlineAt: Date;
  openedAt: Date;
  contactedAt: Date | null;
  resolvedAt: Date | null;
  escalatedAt: Date | null;
  resolution: string | null;
}

interface CaseRow {
  id: string;
  brand_id: string;
  store_id: string;
  member_id: string;
  survey_id: string;
  status: CaseStatus;
  deadline_at: Date;
  opened_at: Date;
  contacted_at: Date | null;
  resolved_at: Date | null;
  escalated_at: Date | null;
  resolution: string | null;
}

const toCase = (row: CaseRow): ComplaintCase => ({
  id: row.id,
  brandId: row.brand_id,
  storeId: row.store_id,
  memberId: row.member_id,
  surveyId: row.survey_id,
  status: row.status,
  deadlineAt: row.deadline_at,
  openedAt: row.opened_at,
  contactedAt: row.contacted_at,
  resolvedAt: row.resolved_at,
  escalatedAt: row.escalated_at,
  resolution: row.resolution,
});

export const casesRepository = {
  async insert(db: Queryable, c: ComplaintCase): Promise<void> {
    await db('cases').insert({
      id: c.id,
      brand_id: c.brandId,
      store_id: c.storeId,
      member_id: c.memberId,
      survey_id: c.surveyId,
      status: c.status,
      deadline_at: c.deadlineAt,
      opened_at: c.openedAt,
    });
  },

  async find(db: Queryable, brandId: string, id: string): Promise<ComplaintCase | undefined> {
    const row = await db<CaseRow>('cases').where({ brand_id: brandId, id }).first();
    return row && toCase(row);
  },

  async findForUpdate(
    db: Queryable,
    brandId: string,
    id: string,
  ): Promise<ComplaintCase | undefined> {
    const row = await db<CaseRow>('cases').where({ brand_id: brandId, id }).forUpdate().first();
    return row && toCase(row);
  },

  async update(
    db: Queryable,
    id: string,
    change: Partial<
      Pick<CaseRow, 'status' | 'contacted_at' | 'resolved_at' | 'escalated_at' | 'resolution'>
    >,
  ): Promise<ComplaintCase> {
    const [row] = await db<CaseRow>('cases').where({ id }).update(change).returning('*');
    return toCase(row as CaseRow);
  },

  async brandsAwaitingEscalation(db: Queryable): Promise<string[]> {
    const rows = await db('cases')
      .distinct('brand_id')
      .whereNot('status', 'resolved')
      .whereNull('escalated_at');
    return rows.map((row: { brand_id: string }) => row.brand_id);
  },

  /** Claims a brand's unresolved cases past their deadline; rows another replica holds are skipped. */
  async claimOverdue(
    db: Queryable,
    brandId: string,
    now: Date,
    limit: number,
  ): Promise<ComplaintCase[]> {
    const rows = await db<CaseRow>('cases')
      .where('brand_id', brandId)
      .whereNot('status', 'resolved')
      .whereNull('escalated_at')
      .andWhere('deadline_at', '<=', now)
      .orderBy('deadline_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(toCase);
  },

  /** A store's cases, newest first, optionally in one status; `limit` plus one row. */
  async listForStore(
    db: Queryable,
    scope: { brandId: string; storeId: string; status?: CaseStatus },
    page: PageRequest,
  ): Promise<ComplaintCase[]> {
    const query = db<CaseRow>('cases').where({ brand_id: scope.brandId, store_id: scope.storeId });
    if (scope.status) query.andWhere('status', scope.status);
    return (await keysetPage(query, 'opened_at', 'desc', page)).map(toCase);
  },

  /** Erasure: the member can no longer be contacted, so their open cases are closed as such. */
  async closeOpenOf(db: Queryable, brandId: string, memberId: string, at: Date): Promise<void> {
    await db('cases')
      .where({ brand_id: brandId, member_id: memberId })
      .whereNot('status', 'resolved')
      .update({ status: 'resolved', resolved_at: at, resolution: 'member-erased' });
  },
};
