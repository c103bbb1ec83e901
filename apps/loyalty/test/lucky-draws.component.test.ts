import { aTestClock, anIdempotencyKey, type ServiceUnderTest } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseWinners } from '../src/domain/lucky-draw/draw-winners';
import { startReportingLoyalty, type ReportingBrand } from './reports-under-test';

const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));
let loyalty: ServiceUnderTest;
let aBrand: () => ReportingBrand;

beforeAll(async () => {
  ({ loyalty, aBrand } = await startReportingLoyalty(clock));
});
afterAll(() => loyalty?.close());

interface Draw {
  drawId: string;
  seed: string;
  drawAt: string;
  candidateCount: number;
  winners: { rank: number; memberId: string; spendablePoints: number }[];
}
interface CandidatePage {
  items: { memberId: string; spendablePoints: number; winnerRank: number | null }[];
  nextCursor: string | null;
}

async function aMemberWith(brand: ReportingBrand, points: number): Promise<string> {
  const memberId = await brand.aMember();
  await brand.buy(memberId, 'A-1', points);
  return memberId;
}

async function allCandidates(brand: ReportingBrand, drawId: string) {
  const items: CandidatePage['items'] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page: CandidatePage = (
      await brand.get(`/v1/lucky-draws/${drawId}/candidates?limit=1${query}`)
    ).json<CandidatePage>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('R4: the lucky draw among balances ending in 6 or 8', () => {
  it('R4: balances of 16 and 28 are candidates, 17 is not; the draw is recorded with its seed and candidates', async () => {
    const brand = aBrand();
    const sixteen = await aMemberWith(brand, 16);
    const twentyEight = await aMemberWith(brand, 28);
    await aMemberWith(brand, 17);

    const response = await brand.post('/v1/lucky-draws', { name: 'Spring draw', winners: 1 });
    const draw = response.json<Draw>();
    const candidates = await allCandidates(brand, draw.drawId);

    expect(response.statusCode).toBe(201);
    expect(draw.candidateCount).toBe(2);
    expect(candidates).toEqual(
      [
        { memberId: sixteen, spendablePoints: 16 },
        { memberId: twentyEight, spendablePoints: 28 },
      ]
        .sort((a, b) => a.memberId.localeCompare(b.memberId))
        .map((c) => ({
          ...c,
          winnerRank: draw.winners[0]?.memberId === c.memberId ? 1 : null,
        })),
    );
    expect(draw.winners).toHaveLength(1);
    expect([sixteen, twentyEight]).toContain(draw.winners[0]?.memberId);
  });

  it('R4: anyone re-running the recorded seed over the recorded candidates gets the same winners', async () => {
    const brand = aBrand();
    for (const points of [6, 8, 16, 18, 26, 28, 36, 38]) await aMemberWith(brand, points);

    const draw = (await brand.post('/v1/lucky-draws', { name: 'Audit', winners: 3 })).json<Draw>();
    const read = (await brand.get(`/v1/lucky-draws/${draw.drawId}`)).json<Draw>();
    const candidates = await allCandidates(brand, draw.drawId);

    expect(read).toEqual(draw);
    expect(candidates).toHaveLength(8);
    expect(
      chooseWinners(
        draw.seed,
        candidates.map((c) => c.memberId),
        3,
      ),
    ).toEqual(draw.winners.map((w) => w.memberId));
    expect(draw.winners.map((w) => w.rank)).toEqual([1, 2, 3]);
  });

  it('R4: a draw sent again with the same Idempotency-Key returns the same draw, not a second one', async () => {
    const brand = aBrand();
    await aMemberWith(brand, 16);
    const key = anIdempotencyKey();

    const first = await brand.post('/v1/lucky-draws', { name: 'Once', winners: 1 }, key);
    const again = await brand.post('/v1/lucky-draws', { name: 'Once', winners: 1 }, key);
    const otherBody = await brand.post('/v1/lucky-draws', { name: 'Twice', winners: 1 }, key);

    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(otherBody.statusCode).toBe(422);
    expect(await brand.db('lucky_draws').where({ brand_id: brand.brandId })).toHaveLength(1);
  });

  it('R4: eligibility is the spendable balance at drawAt, not the balance now', async () => {
    const brand = aBrand();
    const member = await aMemberWith(brand, 16);
    const before = clock.now().toISOString();
    clock.advance({ hours: 1 });
    await brand.buy(member, 'A-1', 1); // 17 now

    const atBefore = (
      await brand.post('/v1/lucky-draws', { name: 'Earlier', winners: 1, drawAt: before })
    ).json<Draw>();
    const now = (await brand.post('/v1/lucky-draws', { name: 'Now', winners: 1 })).json<Draw>();

    expect(atBefore.winners).toEqual([{ rank: 1, memberId: member, spendablePoints: 16 }]);
    expect(now.candidateCount).toBe(0);
    expect(now.winners).toEqual([]);
  });

  it('bad draw input is a 400 naming the field, nothing written; an unknown draw is a 404', async () => {
    const brand = aBrand();
    const future = new Date(clock.now().getTime() + 86_400_000).toISOString();

    const cases = await Promise.all([
      brand.post('/v1/lucky-draws', { name: 'No winners', winners: 0 }),
      brand.post('/v1/lucky-draws', { name: '   ', winners: 1 }),
      brand.post('/v1/lucky-draws', { name: 'Later', winners: 1, drawAt: future }),
      brand.post('/v1/lucky-draws', { name: 'Extra', winners: 1, prize: 'car' }),
      brand.post('/v1/lucky-draws', { name: 'No key', winners: 1 }, null),
    ]);
    const unknown = await brand.get('/v1/lucky-draws/0190a0a0-0000-7000-8000-000000000000');
    const badCursor = await brand.get(
      '/v1/lucky-draws/0190a0a0-0000-7000-8000-000000000000/candidates?cursor=forged',
    );

    expect(cases.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400]);
    expect(cases.map((r) => r.json<{ field: string }>().field)).toEqual([
      'winners',
      'name',
      'drawAt',
      'prize',
      'idempotency-key',
    ]);
    expect(unknown.statusCode).toBe(404);
    expect(badCursor.json()).toMatchObject({ status: 400, field: 'cursor' });
    expect(await brand.db('lucky_draws').where({ brand_id: brand.brandId })).toHaveLength(0);
  });
});
