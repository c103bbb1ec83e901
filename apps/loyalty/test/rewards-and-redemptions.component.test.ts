import { aTestClock, anIdempotencyKey, eventually, identityHeaders } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseTimedOutHolds } from '../src/domain/redemption.use-case';
import { aSale, startLoyalty, type LoyaltyApi } from './loyalty-under-test';

const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));
let api: LoyaltyApi;

beforeAll(async () => {
  api = await startLoyalty(clock, { REDEMPTION_HOLD_MINUTES: 15 });
});
afterAll(() => api?.close());

/** R4's example: 1,000 points for one non-sale item up to 200 yuan list price. */
const THE_SEED_REWARD = {
  name: '1,000 points: one non-sale item up to 200 yuan',
  pointsCost: 1_000,
  listPriceCapFen: 20_000,
  nonSaleOnly: true,
};
const anItem = { sku: 'PENDANT-01', listPriceFen: 19_900, onSale: false };

async function aReward(overrides: object = {}): Promise<string> {
  const response = await api.post('/v1/rewards', { ...THE_SEED_REWARD, ...overrides }, null);
  expect(response.statusCode).toBe(201);
  return response.json<{ rewardId: string }>().rewardId;
}

async function aMemberWith(points: number): Promise<string> {
  const memberId = await api.aMember();
  if (points > 0) {
    await api.buy(aSale(memberId, [{ sku: 'GOLD', unitPriceFen: points * 1_000 }]));
  }
  return memberId;
}

const reserve = (memberId: string, rewardId: string, extra: object = {}) =>
  api.post('/v1/redemptions', { memberId, rewardId, storeId: 'SH-001', item: anItem, ...extra });
const settle = (redemptionId: string, action: 'confirm' | 'cancel') =>
  api.post(`/v1/redemptions/${redemptionId}/${action}`, {});

describe('R4: the reward catalogue', () => {
  it('head office creates, reads, changes and retires a reward', async () => {
    const rewardId = await aReward({ stock: [{ storeId: 'SH-001', quantity: 5 }] });

    const read = await api.get(`/v1/rewards/${rewardId}`);
    const changed = await api.loyalty.app.inject({
      method: 'PATCH',
      url: `/v1/rewards/${rewardId}`,
      headers: identityHeaders({ brandId: 'brand-ledger-test' }),
      payload: { pointsCost: 1_200 },
    });
    const retired = await api.loyalty.app.inject({
      method: 'DELETE',
      url: `/v1/rewards/${rewardId}`,
      headers: identityHeaders({ brandId: 'brand-ledger-test' }),
    });

    expect(read.json()).toMatchObject({
      ...THE_SEED_REWARD,
      active: true,
      stock: [{ storeId: 'SH-001', remaining: 5 }],
    });
    expect(changed.json()).toMatchObject({ pointsCost: 1_200 });
    expect(retired.json()).toMatchObject({ active: false });
    const listed = (await api.get('/v1/rewards?limit=100')).json<{
      items: { rewardId: string }[];
    }>();
    expect(listed.items.map((r) => r.rewardId)).toContain(rewardId);
  });

  it('bad reward input is a 400 naming the field, nothing written', async () => {
    const before = await api.db('rewards').count<{ count: string }[]>({ count: '*' });
    const zeroCost = await api.post('/v1/rewards', { ...THE_SEED_REWARD, pointsCost: 0 }, null);
    const negativeCap = await api.post(
      '/v1/rewards',
      { ...THE_SEED_REWARD, listPriceCapFen: -1 },
      null,
    );
    const backwards = await api.post(
      '/v1/rewards',
      {
        ...THE_SEED_REWARD,
        validFrom: '2026-06-01T00:00:00Z',
        validUntil: '2026-05-01T00:00:00Z',
      },
      null,
    );
    expect(zeroCost.json()).toMatchObject({ field: 'pointsCost' });
    expect(negativeCap.json()).toMatchObject({ field: 'listPriceCapFen' });
    expect(backwards.json()).toMatchObject({ field: 'validUntil' });
    expect([zeroCost, negativeCap, backwards].map((r) => r.statusCode)).toEqual([400, 400, 400]);
    expect(await api.db('rewards').count<{ count: string }[]>({ count: '*' })).toEqual(before);
  });
});

describe('R4: redemption at the counter', () => {
  it('the seed rule: a non-sale item up to 200 yuan for 1,000 points; dearer or on-sale items are refused', async () => {
    const rewardId = await aReward();
    const memberId = await aMemberWith(1_500);

    const dearer = await reserve(memberId, rewardId, { item: { ...anItem, listPriceFen: 20_001 } });
    const onSale = await reserve(memberId, rewardId, { item: { ...anItem, onSale: true } });
    const reserved = await reserve(memberId, rewardId);

    expect(dearer.statusCode).toBe(422);
    expect(dearer.json()).toMatchObject({ field: 'item.listPriceFen' });
    expect(onSale.statusCode).toBe(422);
    expect(onSale.json()).toMatchObject({ field: 'item.onSale' });
    expect(reserved.statusCode).toBe(201);
    expect(reserved.json()).toMatchObject({
      status: 'reserved',
      points: 1_000,
      spendableBalance: 500,
    });
    // Held points are still the member's until the reward is handed over.
    expect(await api.points(memberId)).toMatchObject({
      balance: 1_500,
      spendable: 500,
      held: 1_000,
    });

    const { redemptionId } = reserved.json<{ redemptionId: string }>();
    const confirmed = await settle(redemptionId, 'confirm');
    const confirmedAgain = await settle(redemptionId, 'confirm');
    const cancelAfter = await settle(redemptionId, 'cancel');

    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    expect(confirmedAgain.statusCode).toBe(200);
    expect(cancelAfter.statusCode).toBe(409);
    expect(await api.points(memberId)).toMatchObject({ balance: 500, spendable: 500, held: 0 });
    expect((await api.ledger(memberId)).map((e) => [e.kind, e.delta])).toEqual([
      ['earn', 1_500],
      ['redeem', -1_000],
    ]);
    expect(await api.eventsOf(memberId, 'points.redeemed')).toHaveLength(1);
  });

  it('more points than spendable is a 409 problem, nothing held', async () => {
    const rewardId = await aReward();
    const memberId = await aMemberWith(999);
    const response = await reserve(memberId, rewardId);
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    expect(await api.points(memberId)).toMatchObject({ spendable: 999, held: 0 });
  });

  it('a reward outside its validity, or retired, cannot be reserved', async () => {
    const memberId = await aMemberWith(3_000);
    const ended = await aReward({
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2026-03-01T00:00:00Z',
    });
    const future = await aReward({ validFrom: '2026-04-01T00:00:00Z' });
    const retired = await aReward({ active: false });

    for (const rewardId of [ended, future, retired]) {
      const response = await reserve(memberId, rewardId);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ field: 'rewardId' });
    }
    expect(await api.points(memberId)).toMatchObject({ spendable: 3_000, held: 0 });
  });

  it('a malformed reservation is a 400 naming the field, and nothing is held', async () => {
    const rewardId = await aReward();
    const memberId = await aMemberWith(2_000);
    const cases: [string, object][] = [
      ['item.listPriceFen', { item: { ...anItem, listPriceFen: -1 } }],
      ['item.sku', { item: { ...anItem, sku: 'A\u0000B' } }],
      ['storeId', { storeId: ' ' }],
      ['rewardId', { rewardId: 'not-a-uuid' }],
    ];
    for (const [field, override] of cases) {
      const response = await reserve(memberId, rewardId, override);
      expect(response.statusCode, field).toBe(400);
      expect(response.json()).toMatchObject({ field });
    }
    expect(await api.db('redemptions').where({ member_id: memberId })).toHaveLength(0);
    expect(await api.points(memberId)).toMatchObject({ held: 0, spendable: 2_000 });
  });

  it('a cancel gives the points back', async () => {
    const rewardId = await aReward();
    const memberId = await aMemberWith(1_000);
    const { redemptionId } = (await reserve(memberId, rewardId)).json<{ redemptionId: string }>();

    expect((await settle(redemptionId, 'cancel')).json()).toMatchObject({ status: 'cancelled' });
    expect(await api.points(memberId)).toMatchObject({ balance: 1_000, spendable: 1_000, held: 0 });
    expect((await settle(redemptionId, 'confirm')).statusCode).toBe(409);
  });

  it('200 concurrent redemptions against a balance that covers 10 succeed exactly 10 times', async () => {
    const rewardId = await aReward();
    const memberId = await aMemberWith(10_500);

    const responses = await Promise.all(
      Array.from({ length: 200 }, () => reserve(memberId, rewardId)),
    );

    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(190);
    expect(await api.points(memberId)).toMatchObject({ spendable: 500, held: 10_000 });
    const lots = await api.db('points_lots').where({ member_id: memberId });
    expect(lots.map((lot: { remaining: number }) => lot.remaining)).toEqual([500]);
  });

  it('purchases, returns and reservations of one member at once keep balance = lots + held - debt', async () => {
    const rewardId = await aReward();
    const memberId = await aMemberWith(5_000);
    const bought = await api.buy(aSale(memberId, [{ sku: 'R', unitPriceFen: 2_000_000 }]));
    const { purchaseId } = bought.json<{ purchaseId: string }>();

    const responses = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        api.buy(aSale(memberId, [{ sku: `S${i}`, unitPriceFen: 300_000 }])),
      ),
      ...Array.from({ length: 20 }, () => reserve(memberId, rewardId)),
      api.post(`/v1/purchases/${purchaseId}/returns`, {}),
    ]);

    expect(responses.every((r) => r.statusCode < 500)).toBe(true);
    const reserved = responses.slice(10, 30).filter((r) => r.statusCode === 201).length;
    const account = await api
      .db('points_accounts')
      .where({ member_id: memberId })
      .first<{ balance: string; held: string; debt: string }>();
    const lots = await api
      .db('points_lots')
      .where({ member_id: memberId })
      .sum<{ left: string }>({ left: 'remaining' })
      .first();
    expect(Number(account.held)).toBe(reserved * 1_000);
    expect(Number(account.balance)).toBe(5_000 + 2_000 + 10 * 300 - 2_000);
    expect(Number(account.balance)).toBe(
      Number(lots?.left) + Number(account.held) - Number(account.debt),
    );
  });

  it('a confirm resent with its key is replayed; without a key it is a 400', async () => {
    const rewardId = await aReward();
    const memberId = await aMemberWith(1_000);
    const { redemptionId } = (await reserve(memberId, rewardId)).json<{ redemptionId: string }>();
    const key = anIdempotencyKey();
    const url = `/v1/redemptions/${redemptionId}/confirm`;

    const first = await api.post(url, {}, key);
    const again = await api.post(url, {}, key);
    const keyless = await api.post(url, {}, null);

    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(keyless.statusCode).toBe(400);
    expect(keyless.json()).toMatchObject({ field: 'idempotency-key' });
    expect(await api.eventsOf(memberId, 'points.redeemed')).toHaveLength(1);
  });

  it('a redemption draws the lot that expires first, not the oldest', async () => {
    const rewardId = await aReward();
    const memberId = await api.aMember();
    const first = await api.buy(aSale(memberId, [{ sku: 'FIRST', unitPriceFen: 800_000 }]));
    const second = await api.buy(aSale(memberId, [{ sku: 'SECOND', unitPriceFen: 800_000 }]));
    // The newer lot expires sooner (as when the programme gives promotional points a short life).
    await api
      .db('points_lots')
      .where({ purchase_id: second.json<{ purchaseId: string }>().purchaseId })
      .update({ expires_at: new Date('2026-06-30T16:00:00Z') });

    await reserve(memberId, rewardId);

    const remainingOf = async (purchase: typeof first) =>
      (
        await api
          .db('points_lots')
          .where({ purchase_id: purchase.json<{ purchaseId: string }>().purchaseId })
          .first<{ remaining: number }>('remaining')
      ).remaining;
    expect(await remainingOf(second)).toBe(0);
    expect(await remainingOf(first)).toBe(600);
  });

  it('stock per store: the last item goes once; a store without stock has none', async () => {
    const rewardId = await aReward({ stock: [{ storeId: 'SH-001', quantity: 1 }] });
    const member = await aMemberWith(3_000);

    const first = await reserve(member, rewardId);
    const second = await reserve(member, rewardId);
    const elsewhere = await reserve(member, rewardId, { storeId: 'BJ-002' });

    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'REWARD_OUT_OF_STOCK', field: 'storeId' });
    expect(elsewhere.statusCode).toBe(409);
    expect(await api.points(member)).toMatchObject({ held: 1_000, spendable: 2_000 });
  });

  it('an unknown reward or member is a 422 naming it', async () => {
    const memberId = await aMemberWith(2_000);
    const unknownReward = await reserve(memberId, '0190f0f0-0000-7000-8000-000000000000');
    const unknownMember = await reserve('0190f0f0-0000-7000-8000-000000000001', await aReward());
    expect(unknownReward.statusCode).toBe(422);
    expect(unknownReward.json()).toMatchObject({ field: 'rewardId' });
    // Members is not reachable in this test: a member it cannot confirm is a 503, never a 5xx of ours.
    expect([422, 503]).toContain(unknownMember.statusCode);
  });

  it('a reservation not confirmed within REDEMPTION_HOLD_MINUTES times out and its points come back', async () => {
    const rewardId = await aReward({ stock: [{ storeId: 'SH-001', quantity: 1 }] });
    const memberId = await aMemberWith(1_000);
    const { redemptionId } = (await reserve(memberId, rewardId)).json<{ redemptionId: string }>();

    clock.advance({ minutes: 16 });

    await eventually(async () =>
      expect(await api.points(memberId)).toMatchObject({ spendable: 1_000, held: 0 }),
    );
    expect((await settle(redemptionId, 'confirm')).statusCode).toBe(409);
    expect((await api.get(`/v1/rewards/${rewardId}`)).json()).toMatchObject({
      stock: [{ storeId: 'SH-001', remaining: 1 }],
    });
  });
});

describe('the hold timeout on several replicas', () => {
  it('each timed-out reservation is released once, its stock given back once', async () => {
    const rewardId = await aReward({ stock: [{ storeId: 'SH-001', quantity: 5 }] });
    const members = await Promise.all(Array.from({ length: 5 }, () => aMemberWith(1_000)));
    for (const memberId of members)
      expect((await reserve(memberId, rewardId)).statusCode).toBe(201);

    clock.advance({ minutes: 16 });
    await Promise.all(
      Array.from({ length: 3 }, () => releaseTimedOutHolds({ db: api.db, clock }, 100)),
    );

    await eventually(async () => {
      for (const memberId of members) {
        expect(await api.points(memberId)).toMatchObject({ spendable: 1_000, held: 0 });
      }
    });
    expect((await api.get(`/v1/rewards/${rewardId}`)).json()).toMatchObject({
      stock: [{ storeId: 'SH-001', remaining: 5 }],
    });
  });
});

describe('R4: manual adjustments by head office', () => {
  const adjust = (memberId: string, body: object, key = anIdempotencyKey()) =>
    api.post(`/v1/members/${memberId}/points/adjustments`, body, key);

  it('an adjustment is audited with reason and actor, on the ledger and as points.adjusted', async () => {
    const memberId = await aMemberWith(100);
    const body = { points: 250, reason: 'goodwill: late delivery', actor: 'hq-service-07' };
    const key = anIdempotencyKey();

    const response = await adjust(memberId, body, key);
    const replay = await adjust(memberId, body, key);

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      points: 250,
      pointsBalance: 350,
      actor: 'hq-service-07',
    });
    expect(replay.json()).toEqual(response.json());
    expect(await api.db('points_adjustments').where({ member_id: memberId })).toMatchObject([
      { points: 250, reason: 'goodwill: late delivery', actor: 'hq-service-07' },
    ]);
    expect((await api.ledger(memberId)).at(-1)).toEqual({
      kind: 'adjust',
      delta: 250,
      reason: 'adjusted by hq-service-07: goodwill: late delivery',
    });
    expect(await api.eventsOf(memberId, 'points.adjusted')).toHaveLength(1);
    expect(await api.points(memberId)).toMatchObject({ balance: 350, spendable: 350 });
  });

  it('0 points, a blank reason or a missing actor is a 400 naming it; nothing written', async () => {
    const memberId = await aMemberWith(0);
    const zero = await adjust(memberId, { points: 0, reason: 'x', actor: 'hq' });
    const blank = await adjust(memberId, { points: 5, reason: '  ', actor: 'hq' });
    const noActor = await adjust(memberId, { points: 5, reason: 'x' });
    expect(zero.json()).toMatchObject({ field: 'points' });
    expect(blank.json()).toMatchObject({ field: 'reason' });
    expect(noActor.json()).toMatchObject({ field: 'actor' });
    expect([zero, blank, noActor].map((r) => r.statusCode)).toEqual([400, 400, 400]);
    expect(await api.db('points_adjustments').where({ member_id: memberId })).toHaveLength(0);
  });
});
