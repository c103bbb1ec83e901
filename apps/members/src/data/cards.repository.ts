import type { Queryable } from '@laoke/platform';

export type CardStatus = 'active' | 'reported' | 'blocked';
export type CardReportReason = 'lost' | 'damaged';

export interface Card {
  number: string;
  brandId: string;
  memberId: string;
  status: CardStatus;
  reportedReason: CardReportReason | null;
  issuedAt: Date;
  reportedAt: Date | null;
  blockedAt: Date | null;
  replacedBy: string | null;
}

interface CardRow {
  number: string;
  brand_id: string;
  member_id: string;
  status: CardStatus;
  reported_reason: CardReportReason | null;
  issued_at: Date;
  reported_at: Date | null;
  blocked_at: Date | null;
  replaced_by: string | null;
}

const toCard = (row: CardRow): Card => ({
  number: row.number,
  brandId: row.brand_id,
  memberId: row.member_id,
  status: row.status,
  reportedReason: row.reported_reason,
  issuedAt: row.issued_at,
  reportedAt: row.reported_at,
  blockedAt: row.blocked_at,
  replacedBy: row.replaced_by,
});

export const cardsRepository = {
  async issue(
    db: Queryable,
    card: { number: string; brandId: string; memberId: string; issuedAt: Date },
  ): Promise<void> {
    await db('cards').insert({
      number: card.number,
      brand_id: card.brandId,
      member_id: card.memberId,
      status: 'active',
      issued_at: card.issuedAt,
    });
  },

  /** Many new members' cards in one statement (bulk import). */
  async issueMany(
    db: Queryable,
    cards: { number: string; brandId: string; memberId: string; issuedAt: Date }[],
  ): Promise<void> {
    if (cards.length === 0) return;
    await db('cards').insert(
      cards.map((card) => ({
        number: card.number,
        brand_id: card.brandId,
        member_id: card.memberId,
        status: 'active',
        issued_at: card.issuedAt,
      })),
    );
  },

  async find(db: Queryable, brandId: string, number: string): Promise<Card | undefined> {
    const row = await db<CardRow>('cards').where({ brand_id: brandId, number }).first();
    return row && toCard(row);
  },

  async markReported(db: Queryable, number: string, reason: CardReportReason, at: Date) {
    await db('cards')
      .where({ number })
      .update({ status: 'reported', reported_reason: reason, reported_at: at });
  },

  async block(db: Queryable, number: string, replacedBy: string, at: Date) {
    await db('cards')
      .where({ number })
      .update({ status: 'blocked', blocked_at: at, replaced_by: replacedBy });
  },

  /** Erasure: every card the member holds stops resolving, for good. */
  async blockAllOf(db: Queryable, memberId: string, at: Date) {
    await db('cards')
      .where({ member_id: memberId })
      .whereNot({ status: 'blocked' })
      .update({ status: 'blocked', blocked_at: at });
  },
};
