import { aTestClock } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceUnderTest } from '@laoke/testing';
import { expireDuePoints } from '../src/domain/expire-points.job';
import { startReportingLoyalty } from './reports-under-test';

// Monday 2 March 2026, 14:30 in Shanghai. The tests only move it forward.
const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));
const POINT_VALUE_FEN = 20;
let loyalty: ServiceUnderTest;
let aBrand: Awaited<ReturnType<typeof startReportingLoyalty>>['aBrand'];

beforeAll(async () => {
  ({ loyalty, aBrand } = await startReportingLoyalty(clock));
});
afterAll(() => loyalty?.close());

interface Liability {
  asOf: string;
  brand: { points: number; valueFen: number };
  franchisees: { franchiseeId: string | null; points: number; valueFen: number }[];
  stores: { storeId: string | null; franchiseeId: string | null; points: number }[];
}

describe('R4: points liability', () => {
  it('R4: the liability equals the spendable lots × the point value to the fen, now and as of a past date after later spends and expiries', async () => {
    const brand = aBrand();
    await brand.aStore('A-1', 'franchisee-a');
    await brand.aStore('B-1', 'franchisee-b');
    const [li, wang] = [await brand.aMember(), await brand.aMember()];
    await brand.buy(li, 'A-1', 500);
    await brand.buy(wang, 'B-1', 123);
    const liability = async (query = '') =>
      (await brand.get(`/v1/reports/points-liability${query}`)).json<Liability>();

    const firstDay = await liability();
    const firstDayLots = await brand.spendableLotPoints();

    // The next day Li spends 100 points at B-1; a year later Wang earns 10 more; then the
    // first year's points expire (end of the year after earning).
    clock.advance({ days: 1 });
    await brand.redeem(li, 'B-1', 100);
    const secondDayLots = await brand.spendableLotPoints();
    clock.set(new Date('2027-06-01T02:00:00Z'));
    await brand.buy(wang, 'B-1', 10);
    clock.set(new Date('2028-01-02T02:00:00Z'));
    await expireDuePoints({ db: brand.db, clock }, 100);
    const nowLots = await brand.spendableLotPoints();

    expect(firstDayLots).toBe(623);
    expect(firstDay.brand).toEqual({ points: 623, valueFen: 623 * POINT_VALUE_FEN });
    expect(firstDay.franchisees).toEqual(
      expect.arrayContaining([
        { franchiseeId: 'franchisee-a', points: 500, valueFen: 10_000 },
        { franchiseeId: 'franchisee-b', points: 123, valueFen: 2_460 },
      ]),
    );
    expect(await liability('?asOf=2026-03-02')).toMatchObject({
      asOf: '2026-03-02T16:00:00.000Z',
      brand: { points: firstDayLots, valueFen: firstDayLots * POINT_VALUE_FEN },
    });
    expect((await liability('?asOf=2026-03-03')).brand).toEqual({
      points: secondDayLots,
      valueFen: secondDayLots * POINT_VALUE_FEN,
    });
    const now = await liability();
    expect(nowLots).toBe(10);
    expect(now.brand).toEqual({ points: nowLots, valueFen: nowLots * POINT_VALUE_FEN });
    expect(now.stores).toEqual([
      { storeId: 'B-1', franchiseeId: 'franchisee-b', points: 10, valueFen: 200 },
    ]);
    // The lots expired at the end of 2027 in Shanghai: the first local day of 2028.
    const expired = await brand.get(
      '/v1/reports/points-activity?from=2028-01-01&to=2028-01-31&interval=month',
    );
    expect(expired.json()).toMatchObject({
      items: [
        { period: '2028-01-01', storeId: 'A-1', expired: 400 },
        { period: '2028-01-01', storeId: 'B-1', expired: 123 },
      ],
    });
  });

  it('R4: every change of a lot is a movement of its kind, written with it: movements sum to what each lot holds', async () => {
    const brand = aBrand();
    const li = await brand.aMember();
    const purchase = await brand.buy(li, 'A-1', 300);
    await brand.redeem(li, 'A-1', 100);
    const reward = await brand.post('/v1/rewards', { name: 'kept', pointsCost: 50 }, null);
    const reserved = await brand.post('/v1/redemptions', {
      memberId: li,
      rewardId: reward.json<{ rewardId: string }>().rewardId,
      storeId: 'A-1',
      item: { sku: 'GIFT', listPriceFen: 10_000, onSale: false },
    });
    await brand.post(
      `/v1/redemptions/${reserved.json<{ redemptionId: string }>().redemptionId}/cancel`,
      {},
    );
    await brand.post(`/v1/members/${li}/points/adjustments`, {
      points: 20,
      reason: 'goodwill',
      actor: 'head-office-1',
    });
    await brand.post(`/v1/purchases/${purchase.purchaseId}/returns`, {});

    const lots = await brand
      .db('points_lots')
      .where({ brand_id: brand.brandId })
      .select<{ id: string; remaining: number }[]>('id', 'remaining');
    const movements = await brand
      .db('points_lot_movements')
      .where({ brand_id: brand.brandId })
      .select<{ lot_id: string; kind: string; points: number }[]>('lot_id', 'kind', 'points');
    const heldBy = (lotId: string) =>
      movements.filter((m) => m.lot_id === lotId).reduce((sum, m) => sum + m.points, 0);

    expect(lots.map((lot) => heldBy(lot.id))).toEqual(lots.map((lot) => lot.remaining));
    expect(new Set(movements.map((m) => m.kind))).toEqual(
      new Set(['earn', 'spend', 'give-back', 'adjust', 'reverse']),
    );
  });

  it('R4: a day still to come, or not a date, is a 400 naming asOf', async () => {
    const brand = aBrand();
    const future = await brand.get('/v1/reports/points-liability?asOf=2999-01-01');
    const notADate = await brand.get('/v1/reports/points-liability?asOf=2026-02-30');
    const unknown = await brand.get('/v1/reports/points-liability?at=2026-01-01');

    expect([future.statusCode, notADate.statusCode, unknown.statusCode]).toEqual([400, 400, 400]);
    expect(future.json()).toMatchObject({ code: 'AS_OF_IN_FUTURE', field: 'asOf' });
    expect(notADate.json()).toMatchObject({ field: 'asOf' });
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });
});

describe('R4, R12: franchise settlement', () => {
  it('R12: points earned at one franchisee and redeemed at another are netted per pair, in points and fen', async () => {
    const brand = aBrand();
    await brand.aStore('A-1', 'franchisee-a');
    await brand.aStore('A-2', 'franchisee-a');
    await brand.aStore('B-1', 'franchisee-b');
    const [li, wang] = [await brand.aMember(), await brand.aMember()];
    await brand.buy(li, 'A-1', 1_000);
    await brand.buy(wang, 'B-1', 1_000);

    await brand.redeem(li, 'B-1', 300); // earned at A, redeemed at B: A owes B
    await brand.redeem(wang, 'A-1', 100); // earned at B, redeemed at A: B owes A
    await brand.redeem(li, 'A-2', 200); // within franchisee A: nothing to settle
    const today = clock.now().toISOString().slice(0, 10);
    const report = await brand.get(`/v1/reports/franchise-settlement?from=${today}&to=${today}`);
    const yesterday = await brand.get(
      '/v1/reports/franchise-settlement?from=2026-01-01&to=2026-01-31',
    );

    expect(report.statusCode).toBe(200);
    expect(report.json()).toEqual({
      pointValueFen: POINT_VALUE_FEN,
      settlements: [
        {
          payerFranchiseeId: 'franchisee-a',
          payeeFranchiseeId: 'franchisee-b',
          pointsOwed: 300,
          pointsOwedBack: 100,
          netPoints: 200,
          netFen: 200 * POINT_VALUE_FEN,
        },
      ],
    });
    expect(yesterday.json()).toMatchObject({ settlements: [] });
  });

  it('a period ending before it starts is a 400 naming to', async () => {
    const response = await aBrand().get(
      '/v1/reports/franchise-settlement?from=2026-03-02&to=2026-03-01',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'to' });
  });
});

describe('R4: points activity and R3: tier distribution', () => {
  it('R4: points issued, reversed and redeemed per store and day, with the redemption rate', async () => {
    const brand = aBrand();
    const [li, wang] = [await brand.aMember(), await brand.aMember()];
    await brand.buy(li, 'A-1', 1_000);
    const returned = await brand.buy(wang, 'B-1', 500);
    await brand.redeem(li, 'A-1', 300);
    const giveBack = await brand.post(`/v1/purchases/${returned.purchaseId}/returns`, {});
    expect(giveBack.statusCode).toBeLessThan(300);
    const today = clock.now().toISOString().slice(0, 10);

    const report = await brand.get(
      `/v1/reports/points-activity?from=${today}&to=${today}&interval=day`,
    );
    const wrongInterval = await brand.get(
      `/v1/reports/points-activity?from=${today}&to=${today}&interval=year`,
    );
    const missingTo = await brand.get(`/v1/reports/points-activity?from=${today}`);

    expect(report.json()).toEqual({
      interval: 'day',
      items: [
        {
          period: today,
          storeId: 'A-1',
          issued: 1_000,
          reversed: 0,
          redeemed: 300,
          expired: 0,
          redemptionRate: 0.3,
        },
        {
          period: today,
          storeId: 'B-1',
          issued: 500,
          reversed: 500,
          redeemed: 0,
          expired: 0,
          redemptionRate: 0,
        },
      ],
      totals: { issued: 1_500, reversed: 500, redeemed: 300, expired: 0, redemptionRate: 0.2 },
    });
    expect(wrongInterval.json()).toMatchObject({ status: 400, field: 'interval' });
    expect(missingTo.json()).toMatchObject({ status: 400, field: 'to' });
  });

  it('R3: the members of a brand per tier, highest first; members not ranked yet hold the entry tier', async () => {
    const brand = aBrand();
    const { definition: template } = (await brand.get('/v1/programme/templates/seed')).json<{
      definition: { tiers: { threshold: number }[] };
    }>();
    const published = await brand.post('/v1/programme/versions', {
      definition: {
        ...template,
        promotions: [],
        tiers: template.tiers.map((tier, index) => ({
          ...tier,
          threshold: index === 0 ? 0 : 100_000,
        })),
      },
    });
    expect(published.statusCode).toBe(201);
    const members = [await brand.aMember(), await brand.aMember(), await brand.aMember()];
    await brand.buy(members[0]!, 'A-1', 50);
    await brand.buy(members[1]!, 'A-1', 200);
    await brand.aMember();

    const report = await brand.get('/v1/reports/tier-distribution');

    // Members not ranked yet hold the entry tier (VIP asks nothing).
    expect(report.json()).toMatchObject({
      members: 4,
      tiers: [
        { tierCode: 'gold', members: 1, share: 0.25 },
        { tierCode: 'vip', members: 3, share: 0.75 },
      ],
    });
  });
});
