import type { NotificationCategory } from '@laoke/contracts';
import type { Queryable, Transaction } from '@laoke/platform';
import type { SegmentCriteria } from '../domain/segments/segment-criteria';

export type BroadcastState = 'scheduled' | 'sending' | 'completed' | 'cancelled';

export interface Broadcast {
  id: string;
  brandId: string;
  segmentId: string;
  criteria: SegmentCriteria;
  template: string;
  category: NotificationCategory;
  localSendAt: string;
  scheduledAt: Date;
  state: BroadcastState;
  cursor: string | null;
  requested: number;
  lastBatchAt: Date | null;
  createdAt: Date;
  finishedAt: Date | null;
}

interface BroadcastRow {
  id: string;
  brand_id: string;
  segment_id: string;
  criteria: SegmentCriteria;
  template: string;
  category: NotificationCategory;
  local_send_at: string;
  scheduled_at: Date;
  state: BroadcastState;
  cursor: string | null;
  requested: number;
  last_batch_at: Date | null;
  created_at: Date;
  finished_at: Date | null;
}

const fromRow = (r: BroadcastRow): Broadcast => ({
  id: r.id,
  brandId: r.brand_id,
  segmentId: r.segment_id,
  criteria: r.criteria,
  template: r.template,
  category: r.category,
  localSendAt: r.local_send_at,
  scheduledAt: r.scheduled_at,
  state: r.state,
  cursor: r.cursor,
  requested: r.requested,
  lastBatchAt: r.last_batch_at,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

const OPEN: BroadcastState[] = ['scheduled', 'sending'];

export const broadcastsRepository = {
  async insert(db: Queryable, b: Broadcast) {
    await db('broadcasts').insert({
      id: b.id,
      brand_id: b.brandId,
      segment_id: b.segmentId,
      criteria: JSON.stringify(b.criteria),
      template: b.template,
      category: b.category,
      local_send_at: b.localSendAt,
      scheduled_at: b.scheduledAt,
      state: b.state,
      created_at: b.createdAt,
    });
  },

  async find(db: Queryable, brandId: string, id: string, lock = false) {
    const q = db<BroadcastRow>('broadcasts').where({ brand_id: brandId, id });
    if (lock) void q.forUpdate();
    const row = await q.first();
    return row && fromRow(row);
  },

  /** Brands with a broadcast still to send (each is then asked at its own clock's now). */
  async brandsWithOpen(db: Queryable): Promise<string[]> {
    const rows = await db<{ brand_id: string }>('broadcasts')
      .whereIn('state', OPEN)
      .distinct('brand_id');
    return rows.map((r) => r.brand_id);
  },

  /** The brand's oldest due broadcast, locked: a cancel waits for the batch in flight. */
  async lockOldestDue(trx: Transaction, brandId: string, now: Date) {
    const row = await trx<BroadcastRow>('broadcasts')
      .where({ brand_id: brandId })
      .whereIn('state', OPEN)
      .where('scheduled_at', '<=', now)
      .orderBy([{ column: 'scheduled_at' }, { column: 'id' }])
      .forUpdate()
      .first();
    return row && fromRow(row);
  },

  async progress(
    trx: Transaction,
    id: string,
    p: { state: BroadcastState; cursor: string | null; requested: number; at: Date },
  ) {
    await trx('broadcasts')
      .where({ id })
      .update({
        state: p.state,
        cursor: p.cursor,
        requested: p.requested,
        last_batch_at: p.at,
        finished_at: p.state === 'completed' ? p.at : null,
      });
  },

  async cancel(trx: Transaction, id: string, at: Date) {
    await trx('broadcasts').where({ id }).update({ state: 'cancelled', finished_at: at });
  },
};
