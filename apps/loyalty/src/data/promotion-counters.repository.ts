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

  /** Takes the promotions' locks (in a fixed order, no deadlock) so limits hold under concurrency. */
  async lockPromotions(trx: Transaction, brandId: string, promotionIds: string[]): Promise<void> {
    for (const id of [...promotionIds].sort())
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`promotion:${brandId}:${id}`]);
  },

  async usage(
    db: Queryable,
    key: { brandId: string; memberId: string; promotionIds: string[]; localDay: string },
  ): Promise<Record<string, PromotionUsage>> {
    if (key.promotionIds.length === 0) return {};
    const monthStart = `${key.localDay.slice(0, 7)}-01`;
    const rows = await db('promotion_awards')
      .where({ brand_id: key.brandId })
      .whereIn('promotion_id', key.promotionIds)
      .groupBy('promotion_id')
      .select<{ promotion_id: string; today: string; month: string; total: string }[]>(
        'promotion_id',
        db.raw('coalesce(sum(points) filter (where member_id = ? and local_day = ?), 0) as today', [
          key.memberId,
          key.localDay,
        ]),
        db.raw(
          'coalesce(sum(points) filter (where member_id = ? and local_day >= ? and local_day <= ?), 0) as month',
          [key.memberId, monthStart, key.localDay],
        ),
        db.raw('sum(points) as total'),
      );
    return Object.fromEntries(
      rows.map((r) => [
        r.promotion_id,
        {
          memberToday: Number(r.today),
          memberThisMonth: Number(r.month),
          budgetUsed: Number(r.total),
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
    if (rows.length > 0) await trx('promotion_awards').insert(rows).onConflict().ignore();
  },
};
