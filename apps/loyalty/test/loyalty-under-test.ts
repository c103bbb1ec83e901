import { randomUUID } from 'node:crypto';
import {
  aTopicNamespace,
  anIdempotencyKey,
  startServiceUnderTest,
  type ServiceUnderTest,
  type TestClock,
  identityHeaders,
} from '@laoke/testing';
import * as loyaltyApp from '../src/app';
import type { LoyaltyConfig } from '../src/config';

/** Loyalty in this process on its own database; members come from its projection, never asked. */
export async function startLoyalty(clock: TestClock, config: Partial<LoyaltyConfig> = {}) {
  const { prefix } = await aTopicNamespace();
  const loyalty = await startServiceUnderTest(
    loyaltyApp,
    {
      KAFKA_TOPIC_PREFIX: prefix,
      SERVICE_NAME: 'loyalty',
      MEMBERS_URL: 'http://127.0.0.1:9',
      LOYALTY_JOB_INTERVAL_MS: 100,
      ...config,
    },
    { clock },
  );
  return loyaltyApi(loyalty, clock);
}

export type LoyaltyApi = ReturnType<typeof loyaltyApi>;

function loyaltyApi(loyalty: ServiceUnderTest, clock: TestClock, brandId = 'brand-ledger-test') {
  const headers = identityHeaders({ brandId: brandId });
  const db = loyalty.context.db;
  const post = (url: string, payload: object, key: string | null = anIdempotencyKey()) =>
    loyalty.app.inject({
      method: 'POST',
      url,
      headers: key ? { ...headers, 'idempotency-key': key } : headers,
      payload,
    });
  return {
    loyalty,
    db,
    close: () => loyalty.close(),
    /** A member as the projection of member.registered holds them. */
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
    post,
    get: (url: string) => loyalty.app.inject({ url, headers }),
    buy: (body: object, key?: string) => post('/v1/purchases', body, key),
    async points(memberId: string) {
      const response = await loyalty.app.inject({
        url: `/v1/members/${memberId}/points`,
        headers,
      });
      return response.json<{ balance: number; spendable: number; held: number }>();
    },
    /** What the ledger says, oldest first. */
    ledger: (memberId: string) =>
      db('points_ledger')
        .where({ member_id: memberId })
        .orderBy([{ column: 'created_at' }, { column: 'id' }])
        .select<{ kind: string; delta: number; reason: string }[]>('kind', 'delta', 'reason'),
    eventsOf: (memberId: string, type: string) =>
      db('outbox')
        .where({ message_key: memberId, event_type: type })
        .orderBy('position')
        .select<{ payload: unknown }[]>('payload'),
  };
}

/** A sale of the given lines (unit price paid in fen, quantity), at store SH-001. */
export const aSale = (
  memberId: string,
  lines: { sku: string; unitPriceFen: number; quantity?: number; onSale?: boolean }[],
  extra: Record<string, unknown> = {},
) => ({
  storeId: 'SH-001',
  receiptNumber: `R-${randomUUID().slice(0, 8)}`,
  memberId,
  lines: lines.map((line) => ({
    sku: line.sku,
    name: `item ${line.sku}`,
    quantity: line.quantity ?? 1,
    unitPriceFen: line.unitPriceFen,
    category: 'jewellery',
    listPriceFen: line.unitPriceFen,
    onSale: line.onSale ?? false,
  })),
  ...extra,
});
