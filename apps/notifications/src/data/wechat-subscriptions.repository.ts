import type { Queryable } from '@laoke/platform';

/**
 * WeChat one-time subscriptions: each time a member accepts a template in the mini-program,
 * WeChat allows one message of it. Kept per member × template key as what is left to send.
 */
export const wechatSubscriptionsRepository = {
  /** Adds `count` accepted subscriptions; answers what is left to send now. */
  async add(
    db: Queryable,
    row: { brandId: string; memberId: string; template: string; count: number; at: Date },
  ): Promise<number> {
    const [saved] = await db('wechat_subscriptions')
      .insert({
        brand_id: row.brandId,
        member_id: row.memberId,
        template: row.template,
        remaining: row.count,
        updated_at: row.at,
      })
      .onConflict(['member_id', 'template'])
      .merge({
        remaining: db.raw('wechat_subscriptions.remaining + ?', [row.count]),
        updated_at: row.at,
      })
      .returning<{ remaining: number }[]>('remaining');
    return saved!.remaining;
  },

  async remaining(db: Queryable, memberId: string, template: string): Promise<number> {
    const row = await db('wechat_subscriptions')
      .where({ member_id: memberId, template })
      .first<{ remaining: number } | undefined>('remaining');
    return row?.remaining ?? 0;
  },

  /** What is left per template for a member of the brand, by template key. */
  async listFor(
    db: Queryable,
    brandId: string,
    memberId: string,
  ): Promise<{ template: string; remaining: number }[]> {
    return db('wechat_subscriptions')
      .where({ brand_id: brandId, member_id: memberId })
      .orderBy('template')
      .select('template', 'remaining');
  },

  /** Takes one; false when none is left (the row never goes below zero). */
  async consume(db: Queryable, memberId: string, template: string): Promise<boolean> {
    const updated = await db('wechat_subscriptions')
      .where({ member_id: memberId, template })
      .where('remaining', '>', 0)
      .decrement('remaining', 1)
      .returning('remaining');
    return (updated as unknown[]).length > 0;
  },

  /** Gives back the one a message took when WeChat refused it for good. */
  async giveBack(db: Queryable, memberId: string, template: string): Promise<void> {
    await db('wechat_subscriptions')
      .where({ member_id: memberId, template })
      .increment('remaining', 1);
  },
};
