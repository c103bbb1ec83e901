import { randomBytes } from 'node:crypto';
import {
  DomainError,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
  type PageRequest,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  luckyDrawsRepository as draws,
  type DrawCandidate,
  type LuckyDraw,
} from '../../data/lucky-draws.repository';
import { DRAW_ALGORITHM, chooseWinners } from './draw-winners';

export interface LuckyDrawDeps {
  db: Database;
  clock: BrandClock;
}

export interface DrawCommand {
  brandId: string;
  idempotencyKey: string;
  input: { name: string; winners: number; drawAt?: string };
}

export interface LuckyDrawView {
  drawId: string;
  name: string;
  winnersWanted: number;
  drawAt: string;
  seed: string;
  algorithm: string;
  candidateCount: number;
  winners: { rank: number; memberId: string; spendablePoints: number }[];
  createdAt: string;
}

const view = (draw: LuckyDraw, winners: DrawCandidate[]): LuckyDrawView => ({
  drawId: draw.drawId,
  name: draw.name,
  winnersWanted: draw.winnersWanted,
  drawAt: draw.drawAt.toISOString(),
  seed: draw.seed,
  algorithm: draw.algorithm,
  candidateCount: draw.candidateCount,
  winners: winners.map((w) => ({
    rank: w.winnerRank ?? 0,
    memberId: w.memberId,
    spendablePoints: w.spendablePoints,
  })),
  createdAt: draw.createdAt.toISOString(),
});

/**
 * R4's lucky draw, auditable: the members eligible at `drawAt` (brand clock; default now) are
 * snapshotted with their balances, a random seed is recorded, and the winners follow from the
 * two by DRAW_ALGORITHM. A retry with the same Idempotency-Key returns the same draw.
 */
export async function runLuckyDraw(
  deps: LuckyDrawDeps,
  command: DrawCommand,
): Promise<IdempotentOutcome<LuckyDrawView>> {
  const { brandId, input } = command;
  return runIdempotently(
    deps.db,
    { brandId, key: command.idempotencyKey, fingerprint: fingerprintOf('lucky-draw', input) },
    {
      work: async (trx) => {
        const now = deps.clock.nowFor(brandId);
        const drawAt = input.drawAt === undefined ? now : new Date(input.drawAt);
        if (drawAt > now) {
          throw new DomainError('DRAW_AT_IN_FUTURE', 'drawAt is later than now', {
            kind: 'invalid',
            field: 'drawAt',
          });
        }
        const eligible = await draws.eligibleAt(trx, brandId, drawAt);
        const seed = randomBytes(32).toString('hex');
        const ranks = new Map(
          chooseWinners(
            seed,
            eligible.map((c) => c.memberId),
            input.winners,
          ).map((memberId, index) => [memberId, index + 1]),
        );
        const candidates = eligible.map((c) => ({
          ...c,
          winnerRank: ranks.get(c.memberId) ?? null,
        }));
        const draw: LuckyDraw = {
          drawId: uuidv7(),
          brandId,
          name: input.name,
          winnersWanted: input.winners,
          drawAt,
          seed,
          algorithm: DRAW_ALGORITHM,
          candidateCount: candidates.length,
          createdAt: now,
        };
        await draws.insert(trx, draw, candidates);
        const winners = candidates
          .filter((c) => c.winnerRank !== null)
          .sort((a, b) => (a.winnerRank ?? 0) - (b.winnerRank ?? 0));
        return view(draw, winners);
      },
    },
  );
}

async function findDraw(deps: LuckyDrawDeps, brandId: string, drawId: string) {
  const draw = await draws.find(deps.db, brandId, drawId);
  if (!draw) {
    throw new DomainError('LUCKY_DRAW_NOT_FOUND', 'no lucky draw with this id', {
      kind: 'not-found',
      field: 'drawId',
    });
  }
  return draw;
}

export async function getLuckyDraw(
  deps: LuckyDrawDeps,
  brandId: string,
  drawId: string,
): Promise<LuckyDrawView> {
  const draw = await findDraw(deps, brandId, drawId);
  return view(draw, await draws.winners(deps.db, drawId));
}

/** One page of the draw's candidate snapshot, by member id; `limit + 1` rows. */
export async function drawCandidates(
  deps: LuckyDrawDeps,
  brandId: string,
  drawId: string,
  page: PageRequest,
): Promise<{ draw: LuckyDraw; rows: DrawCandidate[] }> {
  const draw = await findDraw(deps, brandId, drawId);
  return { draw, rows: await draws.candidates(deps.db, drawId, page) };
}
