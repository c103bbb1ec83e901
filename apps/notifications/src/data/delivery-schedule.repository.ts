import type { Queryable } from '@laoke/platform';

/** A delivery that takes a place in a member's frequency cap. */
export interface CapOccupant {
  id: string;
  requestId: string;
  memberId: string;
  brandId: string;
  purpose: string | null;
  channel: string | null;
  category: string;
  status: string;
  notBefore: Date;
  priority: number;
  expiresAt: Date | null;
}

export type Decision = 'scheduled' | 'deferred' | 'suppressed' | 'bumped';

const OCCUPYING = ['claimed', 'sending', 'sent'];

const toOccupant = (row: Record<string, unknown>): CapOccupant => ({
  id: row['id'] as string,
  requestId: row['request_id'] as string,
  memberId: row['member_id'] as string,
  brandId: row['brand_id'] as string,
  purpose: row['purpose'] as string | null,
  channel: row['channel'] as string | null,
  category: row['category'] as string,
  status: row['status'] as string,
  notBefore: row['not_before'] as Date,
  priority: row['priority'] as number,
  expiresAt: row['expires_at'] as Date | null,
});

export const deliveryScheduleRepository = {
  /** Whether this request, or one with the same dedupe key for the member, has a delivery. */
  async isDecided(db: Queryable, memberId: string, dedupeKey: string, requestId: string) {
    const row = await db('deliveries')
      .where({ member_id: memberId, dedupe_key: dedupeKey })
      .orWhere({ request_id: requestId })
      .first<{ id: string } | undefined>('id');
    return row !== undefined;
  },

  /** The member's deliveries of a category due after `since` that are not suppressed or failed. */
  async capOccupants(
    db: Queryable,
    memberId: string,
    category: string,
    since: Date,
  ): Promise<CapOccupant[]> {
    const rows = (await db('deliveries')
      .where({ member_id: memberId, category })
      .whereIn('status', OCCUPYING)
      .where('not_before', '>', since)
      .orderBy('not_before')) as Record<string, unknown>[];
    return rows.map(toOccupant);
  },

  /** SMS deliveries to a member due within [start, end): the per-number daily limit. */
  async smsCountBetween(db: Queryable, memberId: string, start: Date, end: Date) {
    const [row] = await db('deliveries')
      .where({ member_id: memberId, channel: 'sms' })
      .whereIn('status', OCCUPYING)
      .where('not_before', '>=', start)
      .where('not_before', '<', end)
      .count<{ n: string }[]>({ n: '*' });
    return Number(row?.n ?? 0);
  },

  /** Moves a delivery nobody has begun to send; false if a sender got to it first. */
  async reschedule(db: Queryable, id: string, notBefore: Date, reason: string) {
    const updated = await db('deliveries')
      .where({ id, status: 'claimed', attempts: 0 })
      .update({ not_before: notBefore, decision_reason: reason })
      .returning('id');
    return updated.length > 0;
  },

  async suppress(db: Queryable, id: string, reason: string) {
    const updated = await db('deliveries')
      .where({ id, status: 'claimed', attempts: 0 })
      .update({ status: 'suppressed', decision_reason: reason })
      .returning('id');
    return updated.length > 0;
  },

  async recordDecision(
    db: Queryable,
    decision: {
      deliveryId: string;
      decision: Decision;
      reason: string | null;
      notBefore: Date | null;
      at: Date;
    },
  ) {
    await db('delivery_decisions').insert({
      delivery_id: decision.deliveryId,
      decision: decision.decision,
      reason: decision.reason,
      not_before: decision.notBefore,
      decided_at: decision.at,
    });
  },

  async decisionsOf(db: Queryable, deliveryId: string) {
    return db('delivery_decisions')
      .where({ delivery_id: deliveryId })
      .orderBy('id')
      .select<{ decision: Decision; reason: string | null; not_before: Date | null }[]>(
        'decision',
        'reason',
        'not_before',
      );
  },
};
