import type { Queryable } from '@laoke/platform';

export interface StatisticsRow {
  day: string;
  channel: string | null;
  purpose: string | null;
  status: string;
  count: number;
}

export const deliveryStatisticsRepository = {
  /** Deliveries per local day of their request, channel, purpose and status, within [from, to). */
  async count(
    db: Queryable,
    brandId: string,
    timeZone: string,
    from: Date,
    to: Date,
  ): Promise<StatisticsRow[]> {
    const rows = (await db('deliveries')
      .where({ brand_id: brandId })
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .select(
        db.raw("to_char(created_at at time zone ?, 'YYYY-MM-DD') as day", [timeZone]),
        'channel',
        'purpose',
        'status',
        db.raw('count(*) as n'),
      )
      .groupBy('day', 'channel', 'purpose', 'status')
      .orderBy(['day', 'channel', 'purpose', 'status'])) as Record<string, unknown>[];
    return rows.map((r) => ({
      day: r['day'] as string,
      channel: r['channel'] as string | null,
      purpose: r['purpose'] as string | null,
      status: r['status'] as string,
      count: Number(r['n']),
    }));
  },
};
