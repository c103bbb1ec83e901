import type { PageRequest, Queryable } from '@laoke/platform';

export interface LuckyDraw {
  drawId: string;
  brandId: string;
  name: string;
  winnersWanted: number;
  drawAt: Date;
  seed: string;
  algorithm: string;
  candidateCount: number;
  createdAt: Date;
}

export interface DrawCandidate {
  memberId: string;
  spendablePoints: number;
  winnerRank: number | null;
}

interface LuckyDrawRow {
  id: string;
  brand_id: string;
  name: string;
  winners_wanted: number;
  draw_at: Date;
  seed: string;
  algorithm: string;
  candidate_count: number;
  created_at: Date;
}

interface CandidateRow {
  member_id: string;
  spendable_points: number;
  winner_rank: number | null;
}

const toDraw = (row: LuckyDrawRow): LuckyDraw => ({
  drawId: row.id,
  brandId: row.brand_id,
  name: row.name,
  winnersWanted: row.winners_wanted,
  drawAt: row.draw_at,
  seed: row.seed,
  algorithm: row.algorithm,
  candidateCount: row.candidate_count,
  createdAt: row.created_at,
});

const toCandidate = (row: CandidateRow): DrawCandidate => ({
  memberId: row.member_id,
  spendablePoints: row.spendable_points,
  winnerRank: row.winner_rank,
});

const INSERT_CHUNK = 1_000;

export const luckyDrawsRepository = {
  /**
   * R4: the members whose spendable balance at `at` ends in 6 or 8, by member id. A balance is
   * what the lots spendable then held, from their movements up to that instant.
   */
  async eligibleAt(
    db: Queryable,
    brandId: string,
    at: Date,
  ): Promise<{ memberId: string; spendablePoints: number }[]> {
    const { rows } = await db.raw<{ rows: { member_id: string; points: string }[] }>(
      `select l.member_id, sum(m.points) as points
       from points_lots l
       join points_lot_movements m on m.lot_id = l.id and m.at <= ?
       where l.brand_id = ? and l.spendable_from <= ? and l.expires_at > ?
       group by l.member_id
       having sum(m.points) % 10 in (6, 8)
       order by l.member_id`,
      [at, brandId, at, at],
    );
    return rows.map((row) => ({ memberId: row.member_id, spendablePoints: Number(row.points) }));
  },

  async insert(db: Queryable, draw: LuckyDraw, candidates: DrawCandidate[]): Promise<void> {
    await db('lucky_draws').insert({
      id: draw.drawId,
      brand_id: draw.brandId,
      name: draw.name,
      winners_wanted: draw.winnersWanted,
      draw_at: draw.drawAt,
      seed: draw.seed,
      algorithm: draw.algorithm,
      candidate_count: draw.candidateCount,
      created_at: draw.createdAt,
    });
    for (let start = 0; start < candidates.length; start += INSERT_CHUNK) {
      await db('lucky_draw_candidates').insert(
        candidates.slice(start, start + INSERT_CHUNK).map((c) => ({
          draw_id: draw.drawId,
          member_id: c.memberId,
          spendable_points: c.spendablePoints,
          winner_rank: c.winnerRank,
        })),
      );
    }
  },

  async find(db: Queryable, brandId: string, drawId: string): Promise<LuckyDraw | undefined> {
    const row = await db<LuckyDrawRow>('lucky_draws')
      .where({ id: drawId, brand_id: brandId })
      .first();
    return row && toDraw(row);
  },

  async winners(db: Queryable, drawId: string): Promise<DrawCandidate[]> {
    const rows = await db('lucky_draw_candidates')
      .where({ draw_id: drawId })
      .whereNotNull('winner_rank')
      .orderBy('winner_rank')
      .select<CandidateRow[]>('member_id', 'spendable_points', 'winner_rank');
    return rows.map(toCandidate);
  },

  /** The candidate snapshot by member id, `limit + 1` rows from the page's start. */
  async candidates(db: Queryable, drawId: string, page: PageRequest): Promise<DrawCandidate[]> {
    const query = db('lucky_draw_candidates').where({ draw_id: drawId });
    if (page.after) query.andWhere('member_id', '>', page.after.id);
    const rows = await query
      .orderBy('member_id')
      .limit(page.limit + 1)
      .select<CandidateRow[]>('member_id', 'spendable_points', 'winner_rank');
    return rows.map(toCandidate);
  },
};
