import type { Queryable } from '@laoke/platform';

export interface OptOut {
  memberId: string;
  brandId: string;
  channel: string;
  category: string;
  source: string;
}

/**
 * Opt-outs heard here (an "R" reply), effective for every later send at once; members' own
 * consent record follows through pending_consent_updates.
 */
export const optOutsRepository = {
  async record(db: Queryable, optOut: OptOut, at: Date): Promise<void> {
    await db('opt_outs')
      .insert({
        member_id: optOut.memberId,
        brand_id: optOut.brandId,
        channel: optOut.channel,
        category: optOut.category,
        source: optOut.source,
        at,
      })
      .onConflict(['member_id', 'channel', 'category'])
      .ignore();
  },

  async isOptedOut(
    db: Queryable,
    memberId: string,
    channel: string,
    category: string,
  ): Promise<boolean> {
    const row: unknown = await db('opt_outs')
      .where({ member_id: memberId, channel, category })
      .first('member_id');
    return row !== undefined;
  },

  /** Members' consent-changed has the final word: a later grant there lifts the local opt-out. */
  async lift(db: Queryable, memberId: string, channel: string, category: string): Promise<void> {
    await db('opt_outs').where({ member_id: memberId, channel, category }).delete();
  },
};

/** Who an SMS was sent to, by keyed fingerprint of the number, so a reply finds its member. */
export const smsRecipientsRepository = {
  async remember(
    db: Queryable,
    brandId: string,
    mobileFingerprint: string,
    memberId: string,
    at: Date,
  ): Promise<void> {
    await db('sms_recipients')
      .insert({
        brand_id: brandId,
        mobile_fingerprint: mobileFingerprint,
        member_id: memberId,
        last_sent_at: at,
      })
      .onConflict(['brand_id', 'mobile_fingerprint', 'member_id'])
      .merge({ last_sent_at: at });
  },

  /** Every member, of any brand, an SMS went to at this number. */
  async recipientsOf(
    db: Queryable,
    mobileFingerprint: string,
  ): Promise<{ brandId: string; memberId: string }[]> {
    return db('sms_recipients')
      .where({ mobile_fingerprint: mobileFingerprint })
      .select({ brandId: 'brand_id', memberId: 'member_id' });
  },

  /** Erasure: a reply from the member's old number finds nobody. */
  async forget(db: Queryable, memberId: string): Promise<void> {
    await db('sms_recipients').where({ member_id: memberId }).delete();
  },
};
