import type { Queryable } from '@laoke/platform';

export interface PendingConsentUpdate {
  id: string;
  brandId: string;
  memberId: string;
  channel: string;
  category: string;
  granted: boolean;
  attempts: number;
}

/** Consent changes heard here that the members service has not accepted yet. */
export const pendingConsentUpdatesRepository = {
  async add(db: Queryable, update: Omit<PendingConsentUpdate, 'attempts'>, at: Date) {
    await db('pending_consent_updates').insert({
      id: update.id,
      brand_id: update.brandId,
      member_id: update.memberId,
      channel: update.channel,
      category: update.category,
      granted: update.granted,
      next_try_at: at,
      created_at: at,
    });
  },

  async findDue(db: Queryable, now: Date, limit: number): Promise<PendingConsentUpdate[]> {
    const rows = (await db('pending_consent_updates')
      .where('next_try_at', '<=', now)
      .orderBy('next_try_at')
      .limit(limit)) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r['id'] as string,
      brandId: r['brand_id'] as string,
      memberId: r['member_id'] as string,
      channel: r['channel'] as string,
      category: r['category'] as string,
      granted: r['granted'] as boolean,
      attempts: r['attempts'] as number,
    }));
  },

  async done(db: Queryable, id: string) {
    await db('pending_consent_updates').where({ id }).delete();
  },

  async postpone(db: Queryable, id: string, nextTryAt: Date, error: string) {
    await db('pending_consent_updates')
      .where({ id })
      .update({
        attempts: db.raw('attempts + 1'),
        next_try_at: nextTryAt,
        last_error: error.slice(0, 500),
      });
  },
};
