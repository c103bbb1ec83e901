import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../src/app';
import { selectTopMembers } from '../src/domain/top-members/select-top-members.use-case';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
let groupPrefix: string;
const BRAND = 'brand-top-members';
const headers = identityHeaders({ brandId: BRAND });
const clock = aTestClock(new Date('2026-06-01T02:00:00Z'));
const policy = { timeZone: 'Asia/Shanghai', perRegion: 2, selectOn: '01-05' };

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  groupPrefix = ns.prefix;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      MEMBERS_URL: 'http://127.0.0.1:9',
      TOP_MEMBERS_PER_REGION: 2,
      // The test chooses the top members itself.
      TOP_MEMBERS_POLL_MS: 3_600_000,
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;

const publish = async (topicName: string, key: string, event: { id: string }) => {
  await publishRaw(inject('kafkaBrokers'), topic(topicName), [
    { key, value: JSON.stringify(event) },
  ]);
  await eventually(async () =>
    expect(
      await db()('processed_events')
        .where({ consumer: `${groupPrefix}campaigns.member-spend`, event_id: event.id })
        .first(),
    ).toBeDefined(),
  );
};

const store = (storeId: string, regionId: string) =>
  publish(
    Topics.organisationEvents,
    storeId,
    createEvent({
      type: 'store.upserted',
      brandId: BRAND,
      storeId,
      data: {
        storeId,
        code: storeId,
        name: storeId,
        ownership: 'franchised',
        franchiseeId: null,
        regionId,
        address: null,
        timeZone: null,
        status: 'open',
        updatedAt: clock.now().toISOString(),
      },
    }),
  );

async function purchase(memberId: string, storeId: string, fen: number, at: string) {
  const purchaseId = randomUUID();
  await publish(
    Topics.loyaltyEvents,
    memberId,
    createEvent({
      type: 'purchase.recorded',
      brandId: BRAND,
      storeId,
      memberId,
      data: {
        purchaseId,
        memberId,
        storeId,
        receiptNumber: `R-${purchaseId.slice(0, 8)}`,
        amountFen: fen,
        lines: [
          { sku: 'RING', name: '戒指', quantity: 1, unitPriceFen: fen / 2 },
          { sku: 'BANGLE', name: '手镯', quantity: 2, unitPriceFen: fen / 4 },
        ],
        purchasedAt: new Date(at).toISOString(),
      },
    }),
  );
  return purchaseId;
}

const returnLine = (memberId: string, purchaseId: string, lineNumber: number, quantity: number) =>
  publish(
    Topics.loyaltyEvents,
    memberId,
    createEvent({
      type: 'purchase.returned',
      brandId: BRAND,
      memberId,
      data: {
        returnId: randomUUID(),
        purchaseId,
        memberId,
        storeId: 'S1',
        lines: [{ lineNumber, sku: 'RING', quantity, pointsReversed: 0 }],
        pointsReversed: 0,
        balance: 0,
      },
    }),
  );

const topMembers = (query: string) =>
  campaigns.app.inject({ method: 'GET', url: `/v1/top-members?${query}`, headers });

describe('R10: the year’s top members', () => {
  const [first, second, returned, south, newYear] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];

  beforeAll(async () => {
    await purchase(first, 'S1', 500_000, '2026-03-01T10:00:00+08:00');
    await store('S1', 'north');
    await store('S2', 'north');
    await store('S3', 'south');
    await purchase(second, 'S2', 300_000, '2026-04-01T10:00:00+08:00');
    await purchase(second, 'S1', 100_000, '2026-12-31T23:30:00+08:00');
    const refunded = await purchase(returned, 'S1', 900_000, '2026-05-01T10:00:00+08:00');
    await returnLine(returned, refunded, 1, 1);
    await purchase(south, 'S3', 200_000, '2026-07-01T10:00:00+08:00');
    // Already 2027 in Shanghai, though still 2026 in UTC.
    await purchase(newYear, 'S1', 9_000_000, '2027-01-01T00:30:00+08:00');
  });

  it('ranks each region’s spenders of the local year net of returns, each at the store they spent most in', async () => {
    const response = await topMembers('year=2026');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      year: 2026,
      selectedAt: null,
      items: [
        {
          rank: 1,
          memberId: first,
          regionId: 'north',
          storeId: 'S1',
          spendFen: 500_000,
          purchaseCount: 1,
        },
        // Half of 900,000 returned with the ring line: 450,000 left.
        {
          rank: 2,
          memberId: returned,
          regionId: 'north',
          storeId: 'S1',
          spendFen: 450_000,
          purchaseCount: 1,
        },
        {
          rank: 1,
          memberId: south,
          regionId: 'south',
          storeId: 'S3',
          spendFen: 200_000,
          purchaseCount: 1,
        },
      ],
    });
    const southOnly = await topMembers('year=2026&regionId=south');
    expect(southOnly.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('on the selection day, the top members become appreciation-visit tasks for regional staff, once, with two replicas choosing at once', async () => {
    clock.set(new Date('2027-01-04T10:00:00+08:00'));
    expect(await selectTopMembers({ db: db(), clock, policy })).toBe(0);

    clock.set(new Date('2027-01-05T09:00:00+08:00'));
    const chosen = await Promise.all([
      selectTopMembers({ db: db(), clock, policy }),
      selectTopMembers({ db: db(), clock, policy }),
    ]);
    expect(chosen.sort()).toEqual([0, 3]);
    expect(await selectTopMembers({ db: db(), clock, policy })).toBe(0);

    const tasks = (await db()('staff_tasks')
      .where({ brand_id: BRAND, kind: 'top-member-visit' })
      .orderBy('member_id')) as { member_id: string; role: string; store_id: string }[];
    expect(tasks.map((t) => [t.member_id, t.role, t.store_id])).toEqual(
      [
        [first, 'region-manager', 'S1'],
        [returned, 'region-manager', 'S1'],
        [south, 'region-manager', 'S3'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    expect((await topMembers('year=2026')).json()).toMatchObject({
      selectedAt: new Date('2027-01-05T09:00:00+08:00').toISOString(),
    });
  });

  it('a year out of range is a 400 naming the field, and a missing one too', async () => {
    for (const query of ['year=1999', 'year=abc', '']) {
      const response = await topMembers(query);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json())).toContain('year');
    }
  });
});
