import type { Queryable } from '@laoke/platform';
import type { AttemptRecord } from '../providers/provider-call';

/** The provider calls of each delivery, and when a retryably failed one is due again. */
export const deliveryAttemptsRepository = {
  async record(
    db: Queryable,
    deliveryId: string,
    attempt: number,
    records: AttemptRecord[],
    at: Date,
  ): Promise<void> {
    if (records.length === 0) return;
    await db('delivery_attempts').insert(
      records.map((r) => ({
        delivery_id: deliveryId,
        attempt,
        provider: r.provider,
        outcome: r.outcome,
        detail: r.detail.slice(0, 500),
        at,
      })),
    );
  },

  async listFor(db: Queryable, deliveryId: string): Promise<AttemptRecord[]> {
    return db('delivery_attempts')
      .where({ delivery_id: deliveryId })
      .orderBy('id')
      .select('provider', 'outcome', 'detail');
  },

  /** Puts a `sending` delivery back to `claimed`, due again at `nextAttemptAt`. */
  async reschedule(db: Queryable, id: string, nextAttemptAt: Date): Promise<boolean> {
    const updated = await db('deliveries')
      .where({ id, status: 'sending' })
      .update({ status: 'claimed', next_attempt_at: nextAttemptAt })
      .returning('id');
    return updated.length > 0;
  },

  /** Deliveries waiting for a retry whose time has come, soonest first. */
  async findDue(db: Queryable, now: Date, limit: number): Promise<string[]> {
    return db('deliveries')
      .where({ status: 'claimed' })
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .pluck('id');
  },

  /**
   * Takes a due retry: of several replicas, the one whose conditional update matches sends it.
   * Answers the row as beginAttempt does, or nothing when someone else took it.
   */
  async beginDueAttempt(
    db: Queryable,
    id: string,
    now: Date,
  ): Promise<Record<string, unknown> | undefined> {
    const [row] = (await db('deliveries')
      .where({ id, status: 'claimed' })
      .where('next_attempt_at', '<=', now)
      .update({
        status: 'sending',
        attempted_at: now,
        attempts: db.raw('attempts + 1'),
        next_attempt_at: null,
      })
      .returning('*')) as Record<string, unknown>[];
    return row;
  },

  async markSentBy(db: Queryable, id: string, provider: string): Promise<void> {
    await db('deliveries').where({ id }).update({ provider });
  },

  /** A delivery the member may no longer receive: settled `suppressed`, never sent. */
  async suppress(db: Queryable, id: string, reason: string): Promise<boolean> {
    const updated = await db('deliveries')
      .where({ id, status: 'sending' })
      .update({ status: 'suppressed', failure_reason: reason })
      .returning('id');
    return updated.length > 0;
  },
};
