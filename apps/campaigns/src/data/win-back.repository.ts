import type { Queryable } from '@laoke/platform';
import type { GroupSql } from './kpi-groups.sql';

export interface WinBackJourney {
  id: string;
  brandId: string;
  memberId: string;
  storeId: string;
  holdout: boolean;
  startedAt: Date;
  lastTouchAt: Date | null;
}

interface JourneyRow {
  id: string;
  brand_id: string;
  member_id: string;
  store_id: string;
  holdout: boolean;
  started_at: Date;
  last_touch_at: Date | null;
  ended_at: Date | null;
}

export interface DueWinBackStep {
  id: string;
  journeyId: string;
  step: string;
  brandId: string;
  memberId: string;
  storeId: string;
}

export interface WinBackResults {
  journeys: number;
  converted: number;
  holdoutJourneys: number;
  holdoutConverted: number;
}

export const winBackRepository = {
  async startJourney(db: Queryable, journey: WinBackJourney): Promise<void> {
    await db('win_back_journeys').insert({
      id: journey.id,
      brand_id: journey.brandId,
      member_id: journey.memberId,
      store_id: journey.storeId,
      holdout: journey.holdout,
      started_at: journey.startedAt,
    });
  },

  async addSteps(
    db: Queryable,
    steps: { id: string; journeyId: string; brandId: string; step: string; dueAt: Date }[],
  ): Promise<void> {
    if (steps.length === 0) return;
    await db('win_back_steps').insert(
      steps.map((s) => ({
        id: s.id,
        journey_id: s.journeyId,
        brand_id: s.brandId,
        step: s.step,
        due_at: s.dueAt,
      })),
    );
  },

  async openJourney(
    db: Queryable,
    brandId: string,
    memberId: string,
  ): Promise<WinBackJourney | undefined> {
    const row = await db<JourneyRow>('win_back_journeys')
      .where({ brand_id: brandId, member_id: memberId })
      .whereNull('ended_at')
      .forUpdate()
      .first();
    if (!row) return undefined;
    return {
      id: row.id,
      brandId: row.brand_id,
      memberId: row.member_id,
      storeId: row.store_id,
      holdout: row.holdout,
      startedAt: row.started_at,
      lastTouchAt: row.last_touch_at,
    };
  },

  /** Ends the journey and cancels its steps still pending. */
  async endJourney(
    db: Queryable,
    journeyId: string,
    end: { at: Date; reason: 'purchase' | 'churned' | 'erased'; converted: boolean },
  ): Promise<void> {
    await db('win_back_journeys')
      .where({ id: journeyId })
      .update({ ended_at: end.at, end_reason: end.reason, converted: end.converted });
    await db('win_back_steps')
      .where({ journey_id: journeyId, status: 'pending' })
      .update({ status: 'cancelled' });
  },

  async brandsWithDueSteps(db: Queryable): Promise<string[]> {
    const rows = await db('win_back_steps').distinct('brand_id').where('status', 'pending');
    return rows.map((row: { brand_id: string }) => row.brand_id);
  },

  async claimDueSteps(
    db: Queryable,
    brandId: string,
    now: Date,
    limit: number,
  ): Promise<DueWinBackStep[]> {
    const rows = await db('win_back_steps as s')
      .join('win_back_journeys as j', 'j.id', 's.journey_id')
      .where({ 's.brand_id': brandId, 's.status': 'pending' })
      .andWhere('s.due_at', '<=', now)
      .orderBy('s.due_at')
      .limit(limit)
      .forUpdate('s')
      .skipLocked()
      .select('s.id', 's.journey_id', 's.step', 's.brand_id', 'j.member_id', 'j.store_id');
    return rows.map((row: Record<string, string>): DueWinBackStep => ({
      id: row['id'] as string,
      journeyId: row['journey_id'] as string,
      step: row['step'] as string,
      brandId: row['brand_id'] as string,
      memberId: row['member_id'] as string,
      storeId: row['store_id'] as string,
    }));
  },

  async markDone(db: Queryable, steps: DueWinBackStep[], at: Date): Promise<void> {
    if (steps.length === 0) return;
    await db('win_back_steps')
      .whereIn(
        'id',
        steps.map((s) => s.id),
      )
      .update({ status: 'done' });
    await db('win_back_journeys')
      .whereIn(
        'id',
        steps.map((s) => s.journeyId),
      )
      .update({ last_touch_at: at });
  },

  /** Journeys started in [from, to): how many converted, touched and held out. */
  async results(
    db: Queryable,
    scope: { brandId: string; from: Date; to: Date },
  ): Promise<WinBackResults> {
    const [row] = await winBackRepository.resultsByGroup(db, scope, { key: 'null', join: '' });
    return row ?? { journeys: 0, converted: 0, holdoutJourneys: 0, holdoutConverted: 0 };
  },

  /** The same counts for each group of journeys (retention KPIs, R12). */
  async resultsByGroup(
    db: Queryable,
    scope: { brandId: string; from: Date; to: Date },
    group: GroupSql,
  ): Promise<(WinBackResults & { key: string | null })[]> {
    const { rows } = await db.raw<{ rows: (WinBackResults & { key: string | null })[] }>(
      `select ${group.key} as key,
         count(*) filter (where not x.holdout)::int as "journeys",
         count(*) filter (where not x.holdout and x.converted)::int as "converted",
         count(*) filter (where x.holdout)::int as "holdoutJourneys",
         count(*) filter (where x.holdout and x.converted)::int as "holdoutConverted"
       from win_back_journeys x ${group.join}
       where x.brand_id = :brandId and x.started_at >= :from and x.started_at < :to
       group by 1`,
      scope,
    );
    return rows;
  },
};
