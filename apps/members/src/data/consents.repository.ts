import type { ConsentCategory, ConsentChannel } from '@laoke/contracts';
import type { Queryable } from '@laoke/platform';

export interface Consent {
  channel: ConsentChannel;
  category: ConsentCategory;
  granted: boolean;
  source: string;
  changedAt: Date;
}

/** How a consent decision was obtained, kept without personal data (PIPL evidence). */
export interface ConsentEvidence extends Consent {
  id: string;
  brandId: string;
  memberId: string;
  actor: string | null;
  wording: string | null;
}

interface ConsentRow {
  channel: ConsentChannel;
  category: ConsentCategory;
  granted: boolean;
  source: string;
  changed_at: Date;
}

export const consentsRepository = {
  async current(db: Queryable, memberId: string): Promise<Consent[]> {
    const rows = await db<ConsentRow & { member_id: string }>('member_consents')
      .where('member_id', memberId)
      .orderBy(['channel', 'category']);
    return rows.map((row) => ({
      channel: row.channel,
      category: row.category,
      granted: row.granted,
      source: row.source,
      changedAt: row.changed_at,
    }));
  },

  async set(db: Queryable, memberId: string, consent: Consent): Promise<void> {
    await db('member_consents')
      .insert({
        member_id: memberId,
        channel: consent.channel,
        category: consent.category,
        granted: consent.granted,
        source: consent.source,
        changed_at: consent.changedAt,
      })
      .onConflict(['member_id', 'channel', 'category'])
      .merge();
  },

  async recordEvidence(db: Queryable, evidence: ConsentEvidence): Promise<void> {
    await db('consent_evidence').insert({
      id: evidence.id,
      brand_id: evidence.brandId,
      member_id: evidence.memberId,
      channel: evidence.channel,
      category: evidence.category,
      granted: evidence.granted,
      source: evidence.source,
      actor: evidence.actor,
      wording: evidence.wording,
      recorded_at: evidence.changedAt,
    });
  },
};
