import { aTestClock, anIdempotencyKey } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSale, startLoyalty, type LoyaltyApi } from './loyalty-under-test';

const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));
let api: LoyaltyApi;

beforeAll(async () => {
  api = await startLoyalty(clock, { LOYALTY_LATE_PURCHASE_DAYS: 30 });
});
afterAll(() => api?.close());

const purchasesOf = (memberId: string) => api.db('purchases').where({ member_id: memberId });

describe('R4: purchases from the POS', () => {
  it('12,345.67 yuan earns 1,234 points, with its lines kept and the rule on the ledger', async () => {
    const memberId = await api.aMember();

    const response = await api.buy(aSale(memberId, [{ sku: 'RING', unitPriceFen: 1_234_567 }]));

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      amountFen: 1_234_567,
      pointsEarned: 1_234,
      pointsBalance: 1_234,
      lines: [{ lineNumber: 1, sku: 'RING', quantity: 1, pointsEarned: 1_234 }],
    });
    expect(await api.db('purchase_lines').where({ sku: 'RING' })).toHaveLength(1);
    expect(await api.ledger(memberId)).toEqual([
      { kind: 'earn', delta: 1_234, reason: 'purchase:base' },
    ]);
  });

  it('points are rounded down once per receipt, then split over the lines: two lines of 9.99 yuan x 3 earn 5 points, 3 and 2', async () => {
    const memberId = await api.aMember();
    const response = await api.buy(
      aSale(memberId, [
        { sku: 'A', unitPriceFen: 999, quantity: 3 },
        { sku: 'B', unitPriceFen: 999, quantity: 3 },
      ]),
    );
    expect(response.json()).toMatchObject({
      amountFen: 5_994,
      pointsEarned: 5,
      lines: [{ pointsEarned: 3 }, { pointsEarned: 2 }],
    });
  });

  it('a purchase resent 5 times with the same key and 5 times with new keys is recorded once', async () => {
    const memberId = await api.aMember();
    const sale = aSale(memberId, [{ sku: 'RING', unitPriceFen: 100_000 }]);
    const key = anIdempotencyKey();

    const sameKey = await Promise.all(Array.from({ length: 5 }, () => api.buy(sale, key)));
    const newKeys = await Promise.all(Array.from({ length: 5 }, () => api.buy(sale)));

    const responses = [...sameKey, ...newKeys];
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.json<{ purchaseId: string }>().purchaseId)).size).toBe(1);
    expect(await purchasesOf(memberId)).toHaveLength(1);
    expect((await api.points(memberId)).balance).toBe(100);
    expect(await api.eventsOf(memberId, 'points.earned')).toHaveLength(1);
  });

  it('the same receipt with other content is a 409; the same key with another body a 422', async () => {
    const memberId = await api.aMember();
    const sale = aSale(memberId, [{ sku: 'RING', unitPriceFen: 100_000 }]);
    const key = anIdempotencyKey();
    await api.buy(sale, key);

    const otherContent = await api.buy({ ...sale, lines: [{ ...sale.lines[0], quantity: 2 }] });
    const otherBody = await api.buy(aSale(memberId, [{ sku: 'X', unitPriceFen: 5 }]), key);

    expect(otherContent.statusCode).toBe(409);
    expect(otherContent.json()).toMatchObject({ field: 'receiptNumber' });
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json()).toMatchObject({ field: 'idempotency-key' });
    expect(await purchasesOf(memberId)).toHaveLength(1);
  });

  it('an amountFen that is not the sum of the lines is a 400 naming amountFen, nothing written', async () => {
    const memberId = await api.aMember();
    const response = await api.buy(
      aSale(memberId, [{ sku: 'A', unitPriceFen: 1_000, quantity: 2 }], { amountFen: 1_999 }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'AMOUNT_MISMATCH', field: 'amountFen' });
    expect(await purchasesOf(memberId)).toHaveLength(0);
  });

  it('a member named twice (memberId and mobile) or not at all is a 400', async () => {
    const memberId = await api.aMember();
    const both = await api.buy(
      aSale(memberId, [{ sku: 'A', unitPriceFen: 1_000 }], { mobile: '13800138000' }),
    );
    const { memberId: _, ...nobody } = aSale(memberId, [{ sku: 'A', unitPriceFen: 1_000 }]);
    const none = await api.buy(nobody);
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ field: 'mobile' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'memberId' });
  });

  it('an offline sale synced 29 days late keeps its time; 31 days late is a 422', async () => {
    const memberId = await api.aMember();
    const daysAgo = (days: number) => new Date(clock.now().getTime() - days * 86_400_000);

    const late = await api.buy(
      aSale(memberId, [{ sku: 'A', unitPriceFen: 10_000 }], {
        purchasedAt: daysAgo(29).toISOString(),
      }),
    );
    const tooLate = await api.buy(
      aSale(memberId, [{ sku: 'A', unitPriceFen: 10_000 }], {
        purchasedAt: daysAgo(31).toISOString(),
      }),
    );

    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ purchasedAt: daysAgo(29).toISOString() });
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.json()).toMatchObject({ field: 'purchasedAt' });
    expect(await purchasesOf(memberId)).toHaveLength(1);
  });

  it('concurrent purchases of one member lose no update', async () => {
    const memberId = await api.aMember();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.buy(aSale(memberId, [{ sku: `S${i}`, unitPriceFen: 10_000 }])),
      ),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    expect(await api.points(memberId)).toMatchObject({ balance: 200, spendable: 200 });
    const balances = responses.map((r) => r.json<{ pointsBalance: number }>().pointsBalance);
    expect([...balances].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => (i + 1) * 10),
    );
  });
});

describe('R4: returns', () => {
  const returnOf = (purchaseId: string, body: object, key?: string) =>
    api.post(`/v1/purchases/${purchaseId}/returns`, body, key ?? anIdempotencyKey());

  async function aPurchaseOfThreeLines(memberId: string) {
    const response = await api.buy(
      aSale(memberId, [
        // 6,187.99 yuan: 618 points for the receipt, split by paid amount (largest remainder).
        { sku: 'RING', unitPriceFen: 520_000 }, // 519 points
        { sku: 'BEAD', unitPriceFen: 3_333, quantity: 3 }, // 9,999 fen: 10 points
        { sku: 'CHAIN', unitPriceFen: 88_800 }, // 89 points
      ]),
    );
    return response.json<{ purchaseId: string; pointsEarned: number }>();
  }

  it('a partial return of one line reverses exactly that line’s points, and the rest later', async () => {
    const memberId = await api.aMember();
    const { purchaseId, pointsEarned } = await aPurchaseOfThreeLines(memberId);
    expect(pointsEarned).toBe(618);

    const ring = await returnOf(purchaseId, { lines: [{ lineNumber: 1, quantity: 1 }] });
    expect(ring.statusCode).toBe(201);
    expect(ring.json()).toMatchObject({
      pointsReversed: 519,
      pointsBalance: 99,
      lines: [{ lineNumber: 1, sku: 'RING', quantity: 1, pointsReversed: 519 }],
    });

    const everythingElse = await returnOf(purchaseId, {});
    expect(everythingElse.json()).toMatchObject({ pointsReversed: 99, pointsBalance: 0 });
    expect((await api.ledger(memberId)).map((e) => [e.kind, e.delta])).toEqual([
      ['earn', 618],
      ['reverse', -519],
      ['reverse', -99],
    ]);
    expect(await api.eventsOf(memberId, 'purchase.returned')).toHaveLength(2);
  });

  it('returning more than was bought is a 422 naming the quantity, and nothing changes', async () => {
    const memberId = await api.aMember();
    const { purchaseId } = await aPurchaseOfThreeLines(memberId);
    await returnOf(purchaseId, { lines: [{ lineNumber: 2, quantity: 2 }] });

    const tooMany = await returnOf(purchaseId, {
      lines: [
        { lineNumber: 3, quantity: 1 },
        { lineNumber: 2, quantity: 2 },
      ],
    });
    const unknownLine = await returnOf(purchaseId, { lines: [{ lineNumber: 9, quantity: 1 }] });
    const zero = await returnOf(purchaseId, { lines: [{ lineNumber: 1, quantity: 0 }] });

    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json()).toMatchObject({
      code: 'RETURN_EXCEEDS_PURCHASE',
      field: 'lines[1].quantity',
    });
    expect(unknownLine.statusCode).toBe(422);
    expect(unknownLine.json()).toMatchObject({ field: 'lines[0].lineNumber' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({ field: 'lines[0].quantity' });
    expect(await api.db('purchase_returns').where({ purchase_id: purchaseId })).toHaveLength(1);
    // 618 earned, 2 of the 3 beads returned: the one bead kept still earns floor(10 x 1/3) = 3.
    expect((await api.points(memberId)).balance).toBe(618 - 7);
  });

  it('a return replayed with its key, or raced, reverses once', async () => {
    const memberId = await api.aMember();
    const { purchaseId } = await aPurchaseOfThreeLines(memberId);
    const key = anIdempotencyKey();
    const body = { lines: [{ lineNumber: 3, quantity: 1 }] };

    const same = await Promise.all([
      returnOf(purchaseId, body, key),
      returnOf(purchaseId, body, key),
    ]);
    const raced = await Promise.all([returnOf(purchaseId, body), returnOf(purchaseId, body)]);

    expect(same.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([422, 422]);
    expect((await api.points(memberId)).balance).toBe(618 - 89);
  });

  it('returning and buying the same beads again never earns more than one purchase', async () => {
    const memberId = await api.aMember();
    const bead = { sku: 'BEAD', unitPriceFen: 3_333 };
    const first = await api.buy(aSale(memberId, [{ ...bead, quantity: 3 }]));
    const { purchaseId } = first.json<{ purchaseId: string }>();
    expect(first.json()).toMatchObject({ pointsEarned: 9 });

    for (let round = 0; round < 3; round += 1) {
      await returnOf(purchaseId, { lines: [{ lineNumber: 1, quantity: 1 }] });
      const rebuy = await api.buy(aSale(memberId, [{ ...bead, quantity: 1 }]));
      const rebought = rebuy.json<{ purchaseId: string }>().purchaseId;
      await returnOf(rebought, {});
      await api.buy(aSale(memberId, [{ ...bead, quantity: 1 }]));
    }

    // In the end the member holds three beads, from three one-bead purchases: together they
    // earned what one purchase of three earns, and no more.
    expect((await api.points(memberId)).balance).toBe(9);
  });

  it('when returned points were already spent, the balance goes negative and the next points pay the debt first', async () => {
    const memberId = await api.aMember();
    const { purchaseId } = await aPurchaseOfThreeLines(memberId);
    const spend = await api.post(`/v1/members/${memberId}/points/adjustments`, {
      points: -600,
      reason: 'spent at a partner',
      actor: 'hq-finance-01',
    });
    expect(spend.statusCode).toBe(201);

    const returned = await returnOf(purchaseId, { lines: [{ lineNumber: 1, quantity: 1 }] });

    expect(returned.json()).toMatchObject({ pointsReversed: 519, pointsBalance: 18 - 519 });
    expect(await api.points(memberId)).toMatchObject({ balance: -501, spendable: 0 });
    await api.buy(aSale(memberId, [{ sku: 'RING', unitPriceFen: 600_000 }]));
    expect(await api.points(memberId)).toMatchObject({ balance: 99, spendable: 99 });
  });

  it('a return of an unknown purchase is a 404', async () => {
    const response = await returnOf('0190f0f0-0000-7000-8000-000000000000', {});
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ field: 'purchaseId' });
  });
});
