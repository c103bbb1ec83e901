import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';

/**
 * claimed (due at notBefore) → sending → sent | failed; `suppressed` when the member may not be
 * sent this (decisionReason says why).
 */
export type DeliveryStatus = 'claimed' | 'sending' | 'sent' | 'failed' | 'suppressed';

export interface Delivery {
  id: string;
  brandId: string;
  storeId: string | null;
  requestId: string;
  requestEventId: string | null;
  correlationId: string | null;
  memberId: string;
  channel: string | null;
  purpose: string | null;
  dedupeKey: string;
  template: string;
  category: string;
  status: DeliveryStatus;
  attempts: number;
  attemptedAt: Date | null;
  providerMessageId: string | null;
  failureReason: string | null;
  decisionReason: string | null;
  text: string;
  createdAt: Date;
  notBefore: Date;
  priority: number;
  expiresAt: Date | null;
  smsLength: number | null;
  smsSegments: number | null;
  sentAt: Date | null;
}

export type NewDelivery = Pick<
  Delivery,
  | 'id'
  | 'brandId'
  | 'storeId'
  | 'requestId'
  | 'requestEventId'
  | 'correlationId'
  | 'memberId'
  | 'channel'
  | 'purpose'
  | 'dedupeKey'
  | 'template'
  | 'category'
  | 'text'
  | 'createdAt'
  | 'notBefore'
  | 'priority'
  | 'expiresAt'
  | 'smsLength'
  | 'smsSegments'
  | 'decisionReason'
> & { status: 'claimed' | 'suppressed' };

export const toDelivery = (row: Record<string, unknown>): Delivery => ({
  id: row['id'] as string,
  brandId: row['brand_id'] as string,
  storeId: row['store_id'] as string | null,
  requestId: row['request_id'] as string,
  requestEventId: row['request_event_id'] as string | null,
  correlationId: row['correlation_id'] as string | null,
  memberId: row['member_id'] as string,
  channel: row['channel'] as string | null,
  purpose: row['purpose'] as string | null,
  dedupeKey: row['dedupe_key'] as string,
  template: row['template'] as string,
  category: row['category'] as string,
  status: row['status'] as DeliveryStatus,
  attempts: row['attempts'] as number,
  attemptedAt: row['attempted_at'] as Date | null,
  providerMessageId: row['provider_message_id'] as string | null,
  failureReason: row['failure_reason'] as string | null,
  decisionReason: row['decision_reason'] as string | null,
  text: row['text'] as string,
  createdAt: row['created_at'] as Date,
  notBefore: row['not_before'] as Date,
  priority: row['priority'] as number,
  expiresAt: row['expires_at'] as Date | null,
  smsLength: row['sms_length'] as number | null,
  smsSegments: row['sms_segments'] as number | null,
  sentAt: row['sent_at'] as Date | null,
});

const UNSETTLED = ['claimed', 'sending'];
// A deferred delivery counts as untouched from the time it is due, not from its creation.
const lastTouched = 'coalesce(attempted_at, not_before)';
// A delivery waiting for its retry is not stale: the retry job sends it when it is due.
const notWaiting = '(next_attempt_at is null or next_attempt_at <= ?)';

export const deliveriesRepository = {
  /**
   * Returns false when this request, or another with its dedupe key for the member, was already
   * claimed: one delivery per key, whatever the redeliveries.
   */
  async claim(db: Queryable, delivery: NewDelivery): Promise<boolean> {
    const inserted = await db('deliveries')
      .insert({
        id: delivery.id,
        brand_id: delivery.brandId,
        store_id: delivery.storeId,
        request_id: delivery.requestId,
        request_event_id: delivery.requestEventId,
        correlation_id: delivery.correlationId,
        member_id: delivery.memberId,
        channel: delivery.channel,
        purpose: delivery.purpose,
        dedupe_key: delivery.dedupeKey,
        template: delivery.template,
        category: delivery.category,
        status: delivery.status,
        decision_reason: delivery.decisionReason,
        text: delivery.text,
        created_at: delivery.createdAt,
        not_before: delivery.notBefore,
        priority: delivery.priority,
        expires_at: delivery.expiresAt,
        sms_length: delivery.smsLength,
        sms_segments: delivery.smsSegments,
      })
      // Either unique key (request id; member and dedupe key) makes it a repeat.
      .onConflict()
      .ignore()
      .returning('id');
    return inserted.length > 0;
  },

  /**
   * Marks an unsettled delivery `sending` and counts the attempt; with `staleBefore`, only if
   * nobody touched it since. The conditional update is the claim: of two senders, one wins.
   */
  async beginAttempt(
    db: Queryable,
    id: string,
    at: Date,
    staleBefore?: Date,
  ): Promise<Delivery | undefined> {
    const query = db('deliveries').where({ id }).whereIn('status', UNSETTLED);
    if (staleBefore)
      query.whereRaw(`${lastTouched} < ?`, [staleBefore]).whereRaw(notWaiting, [staleBefore]);
    const [row] = (await query
      .update({ status: 'sending', attempted_at: at, attempts: db.raw('attempts + 1') })
      .returning('*')) as Record<string, unknown>[];
    return row && toDelivery(row);
  },

  /** Settles a delivery that is `sending`; false if another attempt settled it first. */
  async settle(
    db: Queryable,
    id: string,
    outcome:
      | { status: 'sent'; providerMessageId: string; at: Date }
      | { status: 'failed'; reason: string },
  ): Promise<boolean> {
    const updated = await db('deliveries')
      .where({ id, status: 'sending' })
      .update(
        outcome.status === 'sent'
          ? { status: 'sent', provider_message_id: outcome.providerMessageId, sent_at: outcome.at }
          : { status: 'failed', failure_reason: outcome.reason.slice(0, 500) },
      )
      .returning('id');
    return updated.length > 0;
  },

  /**
   * Every delivery of the member still waiting to go (deferred, or waiting for a retry) is
   * suppressed with the reason; one already with the provider cannot be called back.
   */
  async suppressWaitingOf(db: Queryable, memberId: string, reason: string): Promise<Delivery[]> {
    const rows = (await db('deliveries')
      .where({ member_id: memberId, status: 'claimed' })
      .update({ status: 'suppressed', decision_reason: reason })
      .returning('*')) as Record<string, unknown>[];
    return rows.map(toDelivery);
  },

  /** Rendered texts carry the name; what was sent stays countable, not readable. */
  async forgetTextsOf(db: Queryable, memberId: string): Promise<void> {
    await db('deliveries').where({ member_id: memberId }).update({ text: '' });
  },

  /** Unsettled deliveries nobody has touched since `before`, oldest first. */
  async findStale(db: Queryable, before: Date, limit: number): Promise<string[]> {
    return db('deliveries')
      .whereIn('status', UNSETTLED)
      .whereRaw(`${lastTouched} < ?`, [before])
      .whereRaw(notWaiting, [before])
      .orderByRaw(lastTouched)
      .limit(limit)
      .pluck('id');
  },

  /** Newest first; `limit` rows after `after`, plus one to tell whether more follow. */
  async listForMember(
    db: Queryable,
    brandId: string,
    memberId: string,
    page: PageRequest,
  ): Promise<Delivery[]> {
    const query = db('deliveries').where({ brand_id: brandId, member_id: memberId });
    const rows = (await keysetPage(query, 'created_at', 'desc', page)) as Record<string, unknown>[];
    return rows.map(toDelivery);
  },
};
