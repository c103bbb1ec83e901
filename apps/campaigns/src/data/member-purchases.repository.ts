import type { Queryable, Transaction } from '@laoke/platform';
import type { PurchaseValue } from '../domain/top-members/top-members-policy';

export interface RecordedPurchase extends PurchaseValue {
  purchaseId: string;
  brandId: string;
  memberId: string;
  storeId: string;
  purchasedAt: Date;
}

export interface RankedMember {
  rank: number;
  memberId: string;
  regionId: string | null;
  storeId: string;
  spendFen: number;
  purchaseCount: number;
}

interface RankedRow {
  rank: string;
  member_id: string;
  region_id: string | null;
  store_id: string;
  spend_fen: string;
  purchase_count: string;
}

const RANKING = `
  with spend as (
    select member_id, store_id, sum(amount_fen - returned_fen) as spend, count(*) as purchases
    from member_purchases
    where brand_id = :brandId and purchased_at >= :from and purchased_at < :to
    group by member_id, store_id
  ), totals as (
    select member_id, sum(spend) as spend_fen, sum(purchases) as purchase_count
    from spend group by member_id
  ), main_store as (
    select distinct on (member_id) member_id, store_id
    from spend order by member_id, spend desc, store_id
  ), ranked as (
    select t.member_id, m.store_id, r.region_id, t.spend_fen, t.purchase_count,
      row_number() over (partition by r.region_id order by t.spend_fen desc, t.member_id) as rank
    from totals t
    join main_store m using (member_id)
    left join store_regions r on r.brand_id = :brandId and r.store_id = m.store_id
    where t.spend_fen > 0
  )
  select * from ranked
  where rank <= :perRegion and (cast(:regionId as text) is null or region_id = cast(:regionId as text))
  order by region_id nulls last, rank`;

export const memberPurchasesRepository = {
  /** False when the purchase was recorded already. */
  async record(db: Queryable, p: RecordedPurchase): Promise<boolean> {
    const inserted = await db('member_purchases')
      .insert({
        purchase_id: p.purchaseId,
        brand_id: p.brandId,
        member_id: p.memberId,
        store_id: p.storeId,
        amount_fen: p.amountFen,
        line_values_fen: JSON.stringify(p.lines),
        purchased_at: p.purchasedAt,
      })
      .onConflict('purchase_id')
      .ignore()
      .returning('purchase_id');
    return inserted.length > 0;
  },

  /** The purchase a return refers to, locked, unless this return was counted already. */
  async purchaseForReturn(trx: Transaction, returnId: string, purchaseId: string) {
    const counted = await trx('returns_counted')
      .insert({ return_id: returnId, purchase_id: purchaseId })
      .onConflict('return_id')
      .ignore()
      .returning('return_id');
    if (counted.length === 0) return undefined;
    const row = (await trx('member_purchases')
      .where({ purchase_id: purchaseId })
      .forUpdate()
      .first()) as { amount_fen: string; line_values_fen: PurchaseValue['lines'] } | undefined;
    return row && { amountFen: Number(row.amount_fen), lines: row.line_values_fen };
  },

  async addReturned(db: Queryable, purchaseId: string, fen: number): Promise<void> {
    await db('member_purchases')
      .where({ purchase_id: purchaseId })
      .update({ returned_fen: db.raw('least(amount_fen, returned_fen + ?)', [fen]) });
  },

  async upsertStoreRegion(
    db: Queryable,
    brandId: string,
    storeId: string,
    regionId: string | null,
  ) {
    await db('store_regions')
      .insert({ brand_id: brandId, store_id: storeId, region_id: regionId })
      .onConflict(['brand_id', 'store_id'])
      .merge();
  },

  async brands(db: Queryable): Promise<string[]> {
    const rows = await db<{ brand_id: string }>('member_purchases').distinct('brand_id');
    return rows.map((r) => r.brand_id);
  },

  /** Each region's top spenders over [from, to), net of returns, ties broken by member id. */
  async ranking(
    db: Queryable,
    q: { brandId: string; from: Date; to: Date; perRegion: number; regionId?: string },
  ): Promise<RankedMember[]> {
    const result = await db.raw<{ rows: RankedRow[] }>(RANKING, {
      ...q,
      regionId: q.regionId ?? null,
    });
    return result.rows.map((r) => ({
      rank: Number(r.rank),
      memberId: r.member_id,
      regionId: r.region_id,
      storeId: r.store_id,
      spendFen: Number(r.spend_fen),
      purchaseCount: Number(r.purchase_count),
    }));
  },

  /** True for the one caller that gets to choose the brand's top members of `year`. */
  async claimSelection(trx: Transaction, brandId: string, year: number, at: Date) {
    const claimed = await trx('top_member_selections')
      .insert({ brand_id: brandId, year, selected: 0, selected_at: at })
      .onConflict(['brand_id', 'year'])
      .ignore()
      .returning('year');
    return claimed.length > 0;
  },

  async setSelected(trx: Transaction, brandId: string, year: number, selected: number) {
    await trx('top_member_selections').where({ brand_id: brandId, year }).update({ selected });
  },

  async selection(db: Queryable, brandId: string, year: number) {
    const row = (await db('top_member_selections').where({ brand_id: brandId, year }).first()) as
      { selected: number; selected_at: Date } | undefined;
    return row && { selected: row.selected, selectedAt: row.selected_at };
  },
};
