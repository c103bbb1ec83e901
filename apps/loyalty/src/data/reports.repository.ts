import type { Queryable } from '@laoke/platform';

export type ActivityMeasure = 'issued' | 'reversed' | 'redeemed' | 'expired';
export type ActivityInterval = 'day' | 'week' | 'month';

export interface StorePoints {
  storeId: string | null;
  points: number;
}

export interface ActivityRow extends StorePoints {
  period: string;
  measure: ActivityMeasure;
}

export interface SettlementFlow {
  earnedAt: string;
  redeemedAt: string;
  points: number;
}

interface Range {
  from: Date;
  to: Date;
}

const asNumber = (value: string | number) => Number(value);

/** Reads for the points reports (R4, R12); nothing here writes. */
export const reportsRepository = {
  /**
   * Points spendable at `at`, per store where they were earned (null: not from a purchase):
   * each lot that was spendable and not expired then, holding the sum of its movements so far.
   */
  async spendableByStore(db: Queryable, brandId: string, at: Date): Promise<StorePoints[]> {
    const { rows } = await db.raw<{ rows: { store_id: string | null; points: string }[] }>(
      `select p.store_id, sum(m.points) as points
       from points_lots l
       join points_lot_movements m on m.lot_id = l.id and m.at <= ?
       left join purchases p on p.id = l.purchase_id
       where l.brand_id = ? and l.spendable_from <= ? and l.expires_at > ?
       group by p.store_id
       having sum(m.points) <> 0
       order by p.store_id nulls first`,
      [at, brandId, at, at],
    );
    return rows.map((row) => ({ storeId: row.store_id, points: asNumber(row.points) }));
  },

  /** Points issued, reversed, redeemed and expired per local period and store, all positive. */
  async activity(
    db: Queryable,
    brandId: string,
    range: Range,
    interval: ActivityInterval,
    timeZone: string,
  ): Promise<ActivityRow[]> {
    const period = (column: string) =>
      `to_char(date_trunc('${interval}', ${column} at time zone ?), 'YYYY-MM-DD')`;
    const { rows } = await db.raw<{
      rows: { period: string; store_id: string | null; measure: ActivityMeasure; points: string }[];
    }>(
      `select ${period('e.created_at')} as period, p.store_id, e.kind as measure,
              sum(abs(e.delta)) as points
       from points_ledger e
       left join purchases p on p.id = e.purchase_id
       where e.brand_id = ? and e.kind in ('earn', 'reverse')
         and e.created_at >= ? and e.created_at < ?
       group by 1, 2, 3
       union all
       select ${period('e.created_at')}, r.store_id, 'redeem', sum(-e.delta)
       from points_ledger e
       join redemptions r on r.id = e.redemption_id
       where e.brand_id = ? and e.kind = 'redeem' and e.created_at >= ? and e.created_at < ?
       group by 1, 2
       union all
       select ${period('m.at')}, p.store_id, 'expire', sum(-m.points)
       from points_lot_movements m
       join points_lots l on l.id = m.lot_id
       left join purchases p on p.id = l.purchase_id
       where m.brand_id = ? and m.kind = 'expire' and m.at >= ? and m.at < ?
       group by 1, 2`,
      [
        timeZone,
        brandId,
        range.from,
        range.to,
        timeZone,
        brandId,
        range.from,
        range.to,
        timeZone,
        brandId,
        range.from,
        range.to,
      ],
    );
    const measureOf = {
      earn: 'issued',
      reverse: 'reversed',
      redeem: 'redeemed',
      expire: 'expired',
    };
    return rows.map((row) => ({
      period: row.period,
      storeId: row.store_id,
      measure: measureOf[row.measure as keyof typeof measureOf] as ActivityMeasure,
      points: asNumber(row.points),
    }));
  },

  /**
   * Registered members of the brand per tier code held; `ranked` false for members who have
   * not been ranked yet (no purchase since the brand had tiers): they hold the entry tier.
   */
  async tierCounts(
    db: Queryable,
    brandId: string,
  ): Promise<{ tierCode: string | null; ranked: boolean; members: number }[]> {
    const { rows } = await db.raw<{
      rows: { tier_code: string | null; ranked: boolean; members: string }[];
    }>(
      `select t.tier_code, t.member_id is not null as ranked, count(*) as members
       from known_members k
       left join member_tiers t on t.member_id = k.member_id
       where k.brand_id = ?
       group by 1, 2`,
      [brandId],
    );
    return rows.map((row) => ({
      tierCode: row.tier_code,
      ranked: row.ranked,
      members: asNumber(row.members),
    }));
  },

  /**
   * Points of redemptions confirmed in the range, by the store where they were earned (the
   * purchase of the lot they were drawn from) and the store where they were redeemed.
   */
  async settlementFlows(db: Queryable, brandId: string, range: Range): Promise<SettlementFlow[]> {
    const { rows } = await db.raw<{
      rows: { earned_at: string; redeemed_at: string; points: string }[];
    }>(
      `select p.store_id as earned_at, r.store_id as redeemed_at, sum(d.points) as points
       from redemptions r
       join redemption_draws d on d.redemption_id = r.id
       join points_lots l on l.id = d.lot_id
       join purchases p on p.id = l.purchase_id
       where r.brand_id = ? and r.status = 'confirmed'
         and r.settled_at >= ? and r.settled_at < ?
       group by 1, 2`,
      [brandId, range.from, range.to],
    );
    return rows.map((row) => ({
      earnedAt: row.earned_at,
      redeemedAt: row.redeemed_at,
      points: asNumber(row.points),
    }));
  },
};
