import type { Queryable, Transaction } from '@laoke/platform';
import type { PromotionUsage } from '../domain/programme/earn';

/**
 * The counters promotions read (R4): the order members paid at a store on a local day, and
 * the promotional points each promotion gave (per-member limits and global budgets).
 * Local days are the programme's time zone's calendar days, as `YYYY-MM-DD`.
 */
export const promotionCountersRepository = {
  /** This member's place among the store's payers of the day; if not yet paid, the next place. */
  async storeDayRank(
    db: Queryable,
    key: { brandId: string; storeId: string; localDay: string; memberId: string },
  ): Promise<number> {
    const scope = { brand_id: key.brandId, store_id: key.storeId, local_day: key.localDay };
    const own = await db('store_day_payers')
      .where({ ...scope, member_id: key.memberId })
      .first<{ rank: number } | undefined>('rank');
    if (own) return own.rank;
    const row = await db('store_day_payers')
      .where(scope)
      .count<{ count: string }[]>({ count: '*' })
      .first();
    return Number(row?.count ?? 0) + 1;
  },

  /**
   * Records that the member paid at the store today and returns their place; a second
   * purchase the same day keeps the first place. Serialised per store and day, so two
   * counters paying at once never share a place.
   */
  async claimStoreDayRank(
    trx: Transaction,
    key: { brandId: string; storeId: string; localDay: string; memberId: string },
  ): Promise<number> {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
      `store-day:${key.brandId}:${key.storeId}:${key.localDay}`,
    ]);
    const rank = await promotionCountersRepository.storeDayRank(trx, key);
    await trx('store_day_payers')
      .insert({
        brand_id: key.brandId,
        store_id: key.storeId,
        local_day: key.localDay,
        member_id: key.memberId,
        rank,
      })
      .onConflict(['brand_id', 'store_id', 'local_day', 'member_id'])
      .ignore();
    return rank;
  },

  /**
   * Serialises what limited promotions read and write: per-member limits under a lock of the
   * member (purchases of other members go on in parallel), each global budget under a lock of
   * its own, always in the same order so two purchases never deadlock.
   */
  async lockLimits(
    trx: Transaction,
    key: { brandId: string; memberId: string; budgetedIds: string[] },
  ): Promise<void> {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
      `promotion-member:${key.brandId}:${key.memberId}`,
    ]);
    for (const id of [...key.budgetedIds].sort())
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `promotion:${key.brandId}:${id}`,
      ]);
  },

  /**
   * What the member got from each limited promotion today and this month (read through the
   * member's index), and what each budgeted promotion gave in all (one counter row each).
   */
  async usage(
    db: Queryable,
    key: {
      brandId: string;
      memberId: string;
      promotionIds: string[];
      budgetedIds: string[];
      localDay: string;
    },
  ): Promise<Record<string, PromotionUsage>> {
    if (key.promotionIds.length === 0) return {};
    const monthStart = `${key.localDay.slice(0, 7)}-01`;
    const memberRows = await db('promotion_awards')
      .where({ brand_id: key.brandId, member_id: key.memberId })
      .whereIn('promotion_id', key.promotionIds)
      .where('local_day', '>=', monthStart)
      .where('local_day', '<=', key.localDay)
      .groupBy('promotion_id')
      .select<{ promotion_id: string; today: string; month: string }[]>(
        'promotion_id',
        db.raw('coalesce(sum(points) filter (where local_day = ?), 0) as today', [key.localDay]),
        db.raw('sum(points) as month'),
      );
    const budgetRows =
      key.budgetedIds.length === 0
        ? []
        : await db('promotion_budget_usage')
            .where({ brand_id: key.brandId })
            .whereIn('promotion_id', key.budgetedIds)
            .select<{ promotion_id: string; awarded: string }[]>('promotion_id', 'awarded');
    const member = new Map(memberRows.map((r) => [r.promotion_id, r]));
    const budget = new Map(budgetRows.map((r) => [r.promotion_id, Number(r.awarded)]));
    return Object.fromEntries(
      key.promotionIds.map((id) => [
        id,
        {
          memberToday: Number(member.get(id)?.today ?? 0),
          memberThisMonth: Number(member.get(id)?.month ?? 0),
          budgetUsed: budget.get(id) ?? 0,
        },
      ]),
    );
  },

  async recordAwards(
    trx: Transaction,
    award: {
      brandId: string;
      memberId: string;
      purchaseId: string;
      localDay: string;
      points: { promotionId: string; points: number }[];
      /** Promotions with a global budget: their counter grows by what they gave. */
      budgetedIds: string[];
    },
  ): Promise<void> {
    const rows = award.points
      .filter((p) => p.points > 0)
      .map((p) => ({
        brand_id: award.brandId,
        promotion_id: p.promotionId,
        member_id: award.memberId,
        purchase_id: award.purchaseId,
        local_day: award.localDay,
        points: p.points,
      }));
    if (rows.length === 0) return;
    const inserted = await trx('promotion_awards')
      .insert(rows)
      .onConflict()
      .ignore()
      .returning<{ promotion_id: string; points: number }[]>(['promotion_id', 'points']);
    const spent = inserted.filter((row) => award.budgetedIds.includes(row.promotion_id));
    if (spent.length > 0)
      await trx('promotion_budget_usage')
        .insert(
          spent.map((row) => ({
            brand_id: award.brandId,
            promotion_id: row.promotion_id,
            awarded: row.points,
          })),
        )
        .onConflict(['brand_id', 'promotion_id'])
        .merge({ awarded: trx.raw('promotion_budget_usage.awarded + excluded.awarded') });
  },
};
