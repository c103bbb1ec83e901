import { startStack, type RunningStack } from '@laoke/devstack';
import { aMemberRegistration, anIdempotencyKey, eventually } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gatewayClient } from './gateway-client';

const API_KEY = 'e2e-key-points-0123456789';
let stack: RunningStack;
let api: ReturnType<typeof gatewayClient>;

beforeAll(async () => {
  stack = await startStack({
    mode: 'test',
    log: () => {},
    apiKey: API_KEY,
    brandId: 'e2e-points',
    postgresUrl: inject('postgresAdminUrl'),
    kafkaBrokers: inject('kafkaBrokers'),
  });
  api = gatewayClient(stack.gatewayUrl, API_KEY);
});
afterAll(async () => {
  await stack?.stop();
});

const keyed = () => ({ 'idempotency-key': anIdempotencyKey() });

describe('R4 through the gateway: earn, return, redeem, adjust', () => {
  it('a POS and head office run a member’s points from purchase to redemption', async () => {
    const { body: member } = await api.registerMember(aMemberRegistration());
    const memberId = member['memberId'] as string;

    const bought = await api.call(
      'POST',
      '/v1/purchases',
      {
        storeId: 'SH-001',
        receiptNumber: `R-${memberId.slice(0, 8)}`,
        cardNumber: member['cardNumber'],
        lines: [
          { sku: 'NECK-01', name: '足金项链', quantity: 1, unitPriceFen: 1_200_000 },
          { sku: 'EAR-02', name: '耳钉', quantity: 2, unitPriceFen: 150_000, onSale: true },
        ],
      },
      keyed(),
    );
    expect(bought.status).toBe(201);
    expect(bought.body).toMatchObject({ amountFen: 1_500_000, pointsEarned: 1_500 });

    const returned = await api.call(
      'POST',
      `/v1/purchases/${bought.body['purchaseId']}/returns`,
      { lines: [{ lineNumber: 2, quantity: 1 }] },
      keyed(),
    );
    expect(returned.status).toBe(201);
    expect(returned.body).toMatchObject({ pointsReversed: 150, pointsBalance: 1_350 });

    const reward = await api.call('POST', '/v1/rewards', {
      name: '1,000 points: one non-sale item up to 200 yuan',
      pointsCost: 1_000,
      listPriceCapFen: 20_000,
      nonSaleOnly: true,
    });
    expect(reward.status).toBe(201);
    const rewardId = reward.body['rewardId'] as string;
    expect((await api.call('PATCH', `/v1/rewards/${rewardId}`, { name: '心意礼品' })).status).toBe(
      200,
    );

    const reserved = await api.call(
      'POST',
      '/v1/redemptions',
      {
        memberId,
        rewardId,
        storeId: 'SH-001',
        item: { sku: 'GIFT', listPriceFen: 19_900, onSale: false },
      },
      keyed(),
    );
    expect(reserved.status).toBe(201);
    const confirmed = await api.call(
      'POST',
      `/v1/redemptions/${reserved.body['redemptionId']}/confirm`,
      {},
      keyed(),
    );
    expect(confirmed.body).toMatchObject({ status: 'confirmed', spendableBalance: 350 });

    const adjusted = await api.call(
      'POST',
      `/v1/members/${memberId}/points/adjustments`,
      { points: -50, reason: 'duplicate goodwill', actor: 'hq-ops-02' },
      keyed(),
    );
    expect(adjusted.body).toMatchObject({ pointsBalance: 300 });

    expect((await api.points(memberId)).body).toMatchObject({ balance: 300, spendable: 300 });
    const ledger = await api.ledger(memberId, '?limit=10');
    expect((ledger.body['items'] as { kind: string }[]).map((e) => e.kind)).toEqual([
      'adjust',
      'redeem',
      'reverse',
      'earn',
    ]);
    expect((await api.call('DELETE', `/v1/rewards/${rewardId}`)).body).toMatchObject({
      active: false,
    });
  });
});

describe('A sale names a store of the brand', () => {
  it('once a brand has stores, a sale or a quote at an unknown store is refused naming storeId, with nothing written; a store opened a moment ago sells at once', async () => {
    const openStore = (code: string) =>
      api.call('POST', '/v1/stores', { code, name: `门店 ${code}`, ownership: 'head-office' });
    // SH-001 is the store the other tests of this brand sell at.
    expect([201, 409]).toContain((await openStore('SH-001')).status);
    const { body: member } = await api.registerMember(aMemberRegistration());
    const memberId = member['memberId'] as string;
    const sale = (storeId: string) => ({
      storeId,
      receiptNumber: `S-${storeId}-${memberId.slice(0, 8)}`,
      memberId,
      lines: [{ sku: 'RING-01', name: '戒指', quantity: 1, unitPriceFen: 100_000 }],
    });

    // Until loyalty has heard of the brand's first store, the brand's store ids are not checked.
    const quote = await eventually(async () => {
      const answer = await api.call('POST', '/v1/checkout/quote', {
        memberId,
        storeId: 'SH-GHOST',
        lines: [{ sku: 'RING-01', quantity: 1, unitPriceFen: 100_000 }],
      });
      expect(answer.status).toBe(422);
      return answer;
    });
    expect(quote.body).toMatchObject({ code: 'UNKNOWN_STORE', field: 'storeId' });
    const refused = await api.call('POST', '/v1/purchases', sale('SH-GHOST'), keyed());
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'UNKNOWN_STORE', field: 'storeId' });
    expect((await api.ledger(memberId)).body['items']).toHaveLength(0);

    // Straight after opening, loyalty's projection may not have the store yet: members is asked.
    expect((await openStore('SH-NEW')).status).toBe(201);
    const atNewStore = await api.call('POST', '/v1/purchases', sale('SH-NEW'), keyed());
    expect(atNewStore.status).toBe(201);
    expect((await api.ledger(memberId)).body['items']).toHaveLength(1);
  });
});
