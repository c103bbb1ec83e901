import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aTopicNamespace,
  anIdempotencyKey,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  type TestClock,
  identityHeaders,
} from '@laoke/testing';
import { expect, inject } from 'vitest';
import * as loyaltyApp from '../src/app';
import { aSale } from './loyalty-under-test';

/** Loyalty with its own topics (store.upserted is published to it) and one brand per test. */
export async function startReportingLoyalty(clock: TestClock) {
  const ns = await aTopicNamespace();
  const loyalty = await startServiceUnderTest(
    loyaltyApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'loyalty',
      MEMBERS_URL: 'http://127.0.0.1:9',
      // The tests expire points themselves, when they choose.
      LOYALTY_JOB_INTERVAL_MS: 3_600_000,
    },
    { clock },
  );
  return { loyalty, aBrand: () => aBrand(loyalty, clock, ns.topic) };
}

function aBrand(loyalty: ServiceUnderTest, clock: TestClock, topic: (name: string) => string) {
  const brandId = `brand-reports-${randomUUID().slice(0, 8)}`;
  const headers = identityHeaders({ brandId: brandId });
  const db = loyalty.context.db;
  const post = (url: string, payload: object, key: string | null = anIdempotencyKey()) =>
    loyalty.app.inject({
      method: 'POST',
      url,
      headers: key ? { ...headers, 'idempotency-key': key } : headers,
      payload,
    });
  const get = (url: string) => loyalty.app.inject({ url, headers });

  return {
    brandId,
    db,
    post,
    get,
    /** A store of a franchisee (null: head office's own), as members announces it. */
    async aStore(code: string, franchiseeId: string | null) {
      const event = createEvent({
        type: 'store.upserted',
        brandId,
        data: {
          storeId: randomUUID(),
          code,
          name: `store ${code}`,
          ownership: franchiseeId ? 'franchised' : 'head-office',
          franchiseeId,
          regionId: null,
          address: null,
          timeZone: null,
          status: 'open',
          updatedAt: clock.now().toISOString(),
        },
      });
      await publishRaw(inject('kafkaBrokers'), topic(Topics.organisationEvents), [
        { key: brandId, value: JSON.stringify(event) },
      ]);
      await eventually(async () => {
        expect(await db('loyalty_stores').where({ brand_id: brandId, code })).toHaveLength(1);
      });
    },
    async aMember(): Promise<string> {
      const memberId = randomUUID();
      await db('known_members').insert({
        member_id: memberId,
        brand_id: brandId,
        home_store_id: 'SH-001',
        registered_at: clock.now(),
      });
      return memberId;
    },
    /** A sale at the store earning `points` at the base rate (1 point per 10 yuan). */
    async buy(memberId: string, storeId: string, points: number) {
      const response = await post(
        '/v1/purchases',
        aSale(memberId, [{ sku: 'GOLD', unitPriceFen: points * 1_000 }], { storeId }),
      );
      expect(response.statusCode).toBe(201);
      return response.json<{ purchaseId: string }>();
    },
    /** Reserve and confirm a reward costing `points` at the store. */
    async redeem(memberId: string, storeId: string, points: number) {
      const reward = await post(
        '/v1/rewards',
        { name: `${points} points`, pointsCost: points, nonSaleOnly: false },
        null,
      );
      expect(reward.statusCode).toBe(201);
      const reserved = await post('/v1/redemptions', {
        memberId,
        rewardId: reward.json<{ rewardId: string }>().rewardId,
        storeId,
        item: { sku: 'GIFT', listPriceFen: 10_000, onSale: false },
      });
      expect(reserved.statusCode).toBe(201);
      const redemptionId = reserved.json<{ redemptionId: string }>().redemptionId;
      const confirmed = await post(`/v1/redemptions/${redemptionId}/confirm`, {});
      expect(confirmed.statusCode).toBe(200);
    },
    /** What the lots spendable now hold: the figure the liability must equal. */
    async spendableLotPoints(): Promise<number> {
      const now = clock.nowFor(brandId);
      const row = await db('points_lots')
        .where({ brand_id: brandId })
        .andWhere('spendable_from', '<=', now)
        .andWhere('expires_at', '>', now)
        .sum<{ total: string | null }>({ total: 'remaining' })
        .first();
      return Number(row?.total ?? 0);
    },
  };
}

export type ReportingBrand = ReturnType<typeof aBrand>;
