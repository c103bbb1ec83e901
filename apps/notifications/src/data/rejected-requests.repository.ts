import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import type { StatisticsRow } from './delivery-statistics.repository';

/** A notification request that failed its schema, as far as it could be read. */
export interface RejectedRequest {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  reason: string;
  brandId: string | null;
  memberId: string | null;
  requestId: string | null;
  purpose: string | null;
  channel: string | null;
  template: string | null;
  category: string | null;
  rejectedAt: Date;
}

const toRejected = (row: Record<string, unknown>): RejectedRequest => ({
  id: row['id'] as string,
  topic: row['topic'] as string,
  partition: row['partition'] as number,
  offset: row['offset'] as string,
  reason: row['reason'] as string,
  brandId: row['brand_id'] as string | null,
  memberId: row['member_id'] as string | null,
  requestId: row['request_id'] as string | null,
  purpose: row['purpose'] as string | null,
  channel: row['channel'] as string | null,
  template: row['template'] as string | null,
  category: row['category'] as string | null,
  rejectedAt: row['rejected_at'] as Date,
});

export const rejectedRequestsRepository = {
  /** Once per message: a dead letter recorded again after a crash changes nothing. */
  async record(db: Queryable, rejected: RejectedRequest): Promise<void> {
    await db('rejected_requests')
      .insert({
        id: rejected.id,
        topic: rejected.topic,
        partition: rejected.partition,
        offset: rejected.offset,
        reason: rejected.reason,
        brand_id: rejected.brandId,
        member_id: rejected.memberId,
        request_id: rejected.requestId,
        purpose: rejected.purpose,
        channel: rejected.channel,
        template: rejected.template,
        category: rejected.category,
        rejected_at: rejected.rejectedAt,
      })
      .onConflict(['topic', 'partition', 'offset'])
      .ignore();
  },

  /** A member's rejected requests, newest first, paged like their deliveries. */
  async listForMember(
    db: Queryable,
    brandId: string,
    memberId: string,
    page: PageRequest,
  ): Promise<RejectedRequest[]> {
    const query = db('rejected_requests').where({ brand_id: brandId, member_id: memberId });
    const rows = (await keysetPage(query, 'rejected_at', 'desc', page)) as Record<
      string,
      unknown
    >[];
    return rows.map(toRejected);
  },

  /** Rejected requests per local day, channel and purpose, within [from, to). */
  async count(
    db: Queryable,
    brandId: string,
    timeZone: string,
    from: Date,
    to: Date,
  ): Promise<StatisticsRow[]> {
    const rows = (await db('rejected_requests')
      .where({ brand_id: brandId })
      .where('rejected_at', '>=', from)
      .where('rejected_at', '<', to)
      .select(
        db.raw("to_char(rejected_at at time zone ?, 'YYYY-MM-DD') as day", [timeZone]),
        'channel',
        'purpose',
        db.raw('count(*) as n'),
      )
      .groupBy('day', 'channel', 'purpose')
      .orderBy(['day', 'channel', 'purpose'])) as Record<string, unknown>[];
    return rows.map((r) => ({
      day: r['day'] as string,
      channel: r['channel'] as string | null,
      purpose: r['purpose'] as string | null,
      status: 'rejected',
      count: Number(r['n']),
    }));
  },
};
