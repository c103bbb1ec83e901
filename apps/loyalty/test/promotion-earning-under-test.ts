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
import type { ProgrammeDefinition } from '../src/domain/programme/programme-definition';

export interface Line {
  sku: string;
  unitPriceFen: number;
  quantity?: number;
}

export interface Recorded {
  purchaseId: string;
  pointsEarned: number;
  programmeVersion: number;
  rules: { rule: string; points: number }[];
  lines: { lineNumber: number; pointsEarned: number; bonusPoints: number }[];
}

/** Loyalty on its own database and topics, one brand per test, members projected directly. */
export async function startEarning(clock: TestClock) {
  const ns = await aTopicNamespace();
  const loyalty: ServiceUnderTest = await startServiceUnderTest(
    loyaltyApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'loyalty',
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
  const db = loyalty.context.db;
  const inject = (
    brandId: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    key?: string,
  ) =>
    loyalty.app.inject({
      method,
      url,
      headers: {
        ...identityHeaders({ brandId: brandId }),
        ...(method === 'POST' && { 'idempotency-key': key ?? anIdempotencyKey() }),
      },
      ...(payload && { payload }),
    });

  return {
    loyalty,
    db,
    topic: ns.topic,
    close: () => loyalty.close(),
    aBrand: () => `brand-earning-${randomUUID().slice(0, 8)}`,
    /** A member as the projections of member.registered hold them. */
    async aMember(brandId: string, birthday: string | null = '1990-07-01'): Promise<string> {
      const memberId = randomUUID();
      const registeredAt = new Date(clock.now().getTime() - 400 * 86_400_000);
      await db('known_members').insert({
        member_id: memberId,
        brand_id: brandId,
        home_store_id: 'SH-001',
        registered_at: registeredAt,
      });
      await db('programme_members').insert({
        member_id: memberId,
        brand_id: brandId,
        birthday,
        registered_at: registeredAt,
      });
      return memberId;
    },
    publish: (brandId: string, definition: ProgrammeDefinition, effectiveFrom?: string) =>
      inject(brandId, 'POST', '/v1/programme/versions', {
        definition,
        ...(effectiveFrom && { effectiveFrom }),
      }),
    buy: (brandId: string, memberId: string, lines: Line[], extra: Record<string, unknown> = {}) =>
      inject(brandId, 'POST', '/v1/purchases', {
        storeId: 'SH-001',
        receiptNumber: `R-${randomUUID().slice(0, 8)}`,
        memberId,
        lines: lines.map((l) => ({ name: `item ${l.sku}`, quantity: 1, ...l })),
        ...extra,
      }),
    returnOf: (
      brandId: string,
      purchaseId: string,
      lines?: { lineNumber: number; quantity: number }[],
    ) => inject(brandId, 'POST', `/v1/purchases/${purchaseId}/returns`, lines ? { lines } : {}),
    get: (brandId: string, url: string) => inject(brandId, 'GET', url),
    post: (brandId: string, url: string, payload: object, key?: string) =>
      inject(brandId, 'POST', url, payload, key),
    async balance(brandId: string, memberId: string): Promise<number> {
      const response = await inject(brandId, 'GET', `/v1/members/${memberId}/points`);
      return response.json<{ balance: number }>().balance;
    },
    async events(memberId: string, type: string) {
      const rows = await db('outbox')
        .where({ message_key: memberId, event_type: type })
        .orderBy('position')
        .select<{ payload: string | object }[]>('payload');
      return rows.map(
        (row) =>
          (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as {
            id: string;
            data: Record<string, unknown>;
          },
      );
    },
  };
}
