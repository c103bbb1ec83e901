import type { Queryable } from '@laoke/platform';

export type ErasureSource = 'store-counter' | 'phone' | 'online' | 'written';

/** Evidence of an erasure (PIPL): who asked, why and how; nothing about the member. */
export interface Erasure {
  memberId: string;
  brandId: string;
  requestedBy: string;
  reason: string;
  source: ErasureSource;
  erasedAt: Date;
}

interface ErasureRow {
  member_id: string;
  brand_id: string;
  requested_by: string;
  reason: string;
  source: ErasureSource;
  erased_at: Date;
}

export const erasuresRepository = {
  async insert(db: Queryable, erasure: Erasure): Promise<void> {
    await db('member_erasures').insert({
      member_id: erasure.memberId,
      brand_id: erasure.brandId,
      requested_by: erasure.requestedBy,
      reason: erasure.reason,
      source: erasure.source,
      erased_at: erasure.erasedAt,
    });
  },

  async find(db: Queryable, brandId: string, memberId: string): Promise<Erasure | undefined> {
    const row = await db<ErasureRow>('member_erasures')
      .where({ brand_id: brandId, member_id: memberId })
      .first();
    return (
      row && {
        memberId: row.member_id,
        brandId: row.brand_id,
        requestedBy: row.requested_by,
        reason: row.reason,
        source: row.source,
        erasedAt: row.erased_at,
      }
    );
  },

  /**
   * The member's events already on Kafka stay in the outbox as an audit trail for a few days;
   * some (member.registered) carry the name and encrypted mobile, so they go now. Events not
   * yet published are left for the relay: consumers need them in order before member.erased.
   */
  async forgetPublishedEvents(db: Queryable, memberId: string): Promise<void> {
    await db('outbox').where({ message_key: memberId }).whereNotNull('published_at').delete();
  },
};
