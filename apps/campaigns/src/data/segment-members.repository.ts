import type { Queryable } from '@laoke/platform';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { RfmPolicy, RfmScores } from '../domain/segments/rfm-policy';
import type { SegmentCriteria } from '../domain/segments/segment-criteria';

/** How criteria are read: the brand's now, its zone for local days, its RFM thresholds. */
export interface SegmentContext {
  now: Date;
  timeZone: string;
  rfm: RfmPolicy;
}

export interface SegmentMember {
  memberId: string;
  homeStoreId: string;
  regionId: string | null;
  tier: string | null;
  rfm: RfmScores;
}

interface SegmentMemberRow {
  member_id: string;
  home_store_id: string;
  region_id: string | null;
  tier: string | null;
  recency: number;
  frequency: number;
  monetary: number;
}

const DAY_MS = 86_400_000;
const MESSAGING_CHANNELS = ['sms', 'wechat', 'email'];

/** 1 + the thresholds reached, in SQL, from the same thresholds as `rfmScores`. */
function rfmExpressions(db: Queryable, ctx: SegmentContext) {
  const reached = (column: string, thresholds: number[]) =>
    db.raw(
      `(1 ${thresholds.map(() => `+ (coalesce(${column}, 0) >= ?)::int`).join(' ')})`,
      thresholds,
    );
  const cutoffs = ctx.rfm.recencyDays.map((days) => new Date(ctx.now.getTime() - days * DAY_MS));
  return {
    recency: db.raw(
      `(1 ${cutoffs.map(() => '+ (coalesce(a.last_purchase_at >= ?, false))::int').join(' ')})`,
      cutoffs,
    ),
    frequency: reached('p.purchase_count', ctx.rfm.frequency),
    monetary: reached('p.spend_fen', ctx.rfm.monetaryFen),
  };
}

/**
 * The segment's view of a member, joined from the projections that already exist: greeting
 * members (every registered member: home store, birthday), member_activity (last purchase,
 * lapse state), member_profiles (tier, tags, consent, spend) and store_regions.
 */
function segmentMembers(db: Queryable, brandId: string) {
  return db('greeting_members as g')
    .leftJoin('member_profiles as p', (j) =>
      j.on('p.brand_id', 'g.brand_id').andOn('p.member_id', 'g.member_id'),
    )
    .leftJoin('member_activity as a', (j) =>
      j.on('a.brand_id', 'g.brand_id').andOn('a.member_id', 'g.member_id'),
    )
    .leftJoin('store_regions as r', (j) =>
      j.on('r.brand_id', 'g.brand_id').andOn('r.store_id', 'g.home_store_id'),
    )
    .where('g.brand_id', brandId);
}

const startOfLocalDay = (day: string, zone: string) => DateTime.fromISO(day, { zone }).toJSDate();

function whereRange(
  q: Knex.QueryBuilder,
  column: Knex.Raw,
  range?: { min?: number; max?: number },
) {
  if (range?.min !== undefined) void q.where(column, '>=', range.min);
  if (range?.max !== undefined) void q.where(column, '<=', range.max);
}

function whereMatches(
  db: Queryable,
  q: Knex.QueryBuilder,
  c: SegmentCriteria,
  ctx: SegmentContext,
) {
  if (c.tiers) void q.whereIn('p.tier', c.tiers);
  if (c.storeIds) void q.whereIn('g.home_store_id', c.storeIds);
  if (c.regionIds) void q.whereIn('r.region_id', c.regionIds);
  if (c.birthdayMonths)
    void q.whereRaw('extract(month from g.birthday)::int = any(?)', [c.birthdayMonths]);
  if (c.lastPurchase?.after)
    void q.where('a.last_purchase_at', '>=', startOfLocalDay(c.lastPurchase.after, ctx.timeZone));
  if (c.lastPurchase?.before)
    void q.where('a.last_purchase_at', '<', startOfLocalDay(c.lastPurchase.before, ctx.timeZone));
  whereRange(q, db.raw('coalesce(p.spend_fen, 0)'), c.spendFen);
  whereRange(q, db.raw('coalesce(p.purchase_count, 0)'), c.purchaseCount);
  if (c.tags) void q.whereRaw('p.tags && ?::text[]', [c.tags]);
  if (c.lapseStates) {
    const states = c.lapseStates;
    void q.where((w) => {
      void w.whereIn(
        'a.lapse_state',
        states.filter((s) => s !== 'never-purchased'),
      );
      if (states.includes('never-purchased')) void w.orWhereNull('a.member_id');
    });
  }
  const rfm = rfmExpressions(db, ctx);
  whereRange(q, rfm.recency, c.rfm?.recency);
  whereRange(q, rfm.frequency, c.rfm?.frequency);
  whereRange(q, rfm.monetary, c.rfm?.monetary);
  if (c.consent)
    void q.whereRaw("coalesce(p.consents ->> ?, 'true') <> 'false'", [
      `${c.consent.channel}:${c.consent.category}`,
    ]);
  return q;
}

const toMember = (row: SegmentMemberRow): SegmentMember => ({
  memberId: row.member_id,
  homeStoreId: row.home_store_id,
  regionId: row.region_id,
  tier: row.tier,
  rfm: { recency: row.recency, frequency: row.frequency, monetary: row.monetary },
});

export const segmentMembersRepository = {
  async count(db: Queryable, brandId: string, criteria: SegmentCriteria, ctx: SegmentContext) {
    const q = whereMatches(db, segmentMembers(db, brandId), criteria, ctx);
    const row = (await q.count({ count: '*' }).first()) as { count: string } | undefined;
    return Number(row?.count ?? 0);
  },

  /**
   * Matching members in id order after `cursor` (a keyset page); with `reachableFor`, members
   * who revoked that category on every messaging channel are left out.
   */
  async pageAfter(
    db: Queryable,
    page: {
      brandId: string;
      criteria: SegmentCriteria;
      cursor: string | null;
      limit: number;
      reachableFor?: string;
    },
    ctx: SegmentContext,
  ): Promise<SegmentMember[]> {
    const rfm = rfmExpressions(db, ctx);
    const q = whereMatches(db, segmentMembers(db, page.brandId), page.criteria, ctx).select(
      'g.member_id',
      'g.home_store_id',
      'r.region_id',
      'p.tier',
      db.raw('? as recency', [rfm.recency]),
      db.raw('? as frequency', [rfm.frequency]),
      db.raw('? as monetary', [rfm.monetary]),
    );
    if (page.cursor) void q.where('g.member_id', '>', page.cursor);
    if (page.reachableFor) {
      const keys = MESSAGING_CHANNELS.map((channel) => `${channel}:${page.reachableFor}`);
      void q.whereRaw(
        `not coalesce(${keys.map(() => "p.consents ->> ? = 'false'").join(' and ')}, false)`,
        keys,
      );
    }
    const rows = (await q.orderBy('g.member_id').limit(page.limit)) as SegmentMemberRow[];
    return rows.map(toMember);
  },
};
