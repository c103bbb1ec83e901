import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aPurchase,
  aTestClock,
  aTopicNamespace,
  anIdempotencyKey,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as loyaltyApp from '../src/app';
import { tiersRepository } from '../src/data/tiers.repository';
import { earnPointsForPurchase } from '../src/domain/programme/earn-context';
import { programmeInForce } from '../src/domain/programme/programme.use-case';
import type { ProgrammeDefinition } from '../src/domain/programme/programme-definition';
import { SEED_PROGRAMME_TEMPLATE } from '../src/domain/programme/seed-template';

let loyalty: ServiceUnderTest;
let topic: (name: string) => string;
// Wednesday 4 March 2026, 10:00 in Shanghai: off season. The tests below only move it forward.
const clock = aTestClock(new Date('2026-03-04T02:00:00Z'));
const DAY_MS = 86_400_000;

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  loyalty = await startServiceUnderTest(
    loyaltyApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'loyalty',
      TIER_REVIEW_POLL_MS: 100,
      // Nothing listens here: every member these tests use is projected from member.registered.
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
});
afterAll(() => loyalty?.close());

const aBrand = () => `brand-programme-${randomUUID().slice(0, 8)}`;
const headersOf = (brandId: string) => identityHeaders({ brandId: brandId });

async function aMember(brandId: string, birthday = '1990-07-01'): Promise<string> {
  const memberId = randomUUID();
  const event = createEvent({
    type: 'member.registered',
    brandId,
    memberId,
    data: {
      memberId,
      cardNumber: `C${memberId.slice(0, 8)}`,
      name: 'Li',
      mobileEncrypted: 'x',
      mobileMasked: '138****0000',
      birthday,
      homeStoreId: 'SH-001',
      registeredAt: new Date(clock.now().getTime() - 400 * DAY_MS).toISOString(),
    },
  });
  await publishRaw(inject('kafkaBrokers'), topic(Topics.membersEvents), [
    { key: memberId, value: JSON.stringify(event) },
  ]);
  await eventually(async () => {
    expect(
      await loyalty.context.db('programme_members').where({ member_id: memberId }),
    ).toHaveLength(1);
    expect(await loyalty.context.db('known_members').where({ member_id: memberId })).toHaveLength(
      1,
    );
  });
  return memberId;
}

const publish = (brandId: string, body: object, key = anIdempotencyKey()) =>
  loyalty.app.inject({
    method: 'POST',
    url: '/v1/programme/versions',
    headers: { ...headersOf(brandId), 'idempotency-key': key },
    payload: body,
  });

const current = async (brandId: string) =>
  (await loyalty.app.inject({ url: '/v1/programme', headers: headersOf(brandId) })).json<{
    version: number;
    source: string;
    definition: ProgrammeDefinition;
  }>();

const buy = (brandId: string, memberId: string, amountFen: number) =>
  loyalty.app.inject({
    method: 'POST',
    url: '/v1/purchases',
    headers: { ...headersOf(brandId), 'idempotency-key': anIdempotencyKey() },
    payload: aPurchase(memberId, {
      amountFen,
      lines: [{ sku: 'RING', name: 'ring', quantity: 1, unitPriceFen: amountFen }],
    }),
  });

const tierOf = async (brandId: string, memberId: string) =>
  (
    await loyalty.app.inject({ url: `/v1/members/${memberId}/tier`, headers: headersOf(brandId) })
  ).json<{
    tier: { code: string } | null;
    keep: { required: number; remaining: number; by: string } | null;
    next: { tier: string; remaining: number; by: string | null } | null;
  }>();

const outboxOf = (key: string, type: string) =>
  loyalty.context.db('outbox').where({ message_key: key, event_type: type }).orderBy('position');

const payloadsOf = async (key: string, type: string) =>
  (await outboxOf(key, type)).map(
    (row: { payload: string | object }) =>
      (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as {
        data: Record<string, unknown>;
      },
  );

const withTiers = (overrides: Partial<ProgrammeDefinition> = {}): ProgrammeDefinition => ({
  ...SEED_PROGRAMME_TEMPLATE,
  promotions: [],
  ...overrides,
});

describe('R3/R4: programme versions', () => {
  it('when a brand has published nothing, then the built-in default is in force: 1 point per 10 yuan, no tiers, no promotions', async () => {
    const brandId = aBrand();
    expect(await current(brandId)).toMatchObject({
      version: 0,
      source: 'built-in',
      definition: { earn: { fenPerPoint: 1_000 }, tiers: [], promotions: [] },
    });
    const memberId = await aMember(brandId);
    const response = await buy(brandId, memberId, 1_234_567);
    expect(response.json()).toMatchObject({ pointsEarned: 1_234 });
  });

  it('when head office publishes the seed template, then it is version 1, in force now, announced once; a retry replays it', async () => {
    const brandId = aBrand();
    const template = (
      await loyalty.app.inject({ url: '/v1/programme/templates/seed', headers: headersOf(brandId) })
    ).json<{ definition: ProgrammeDefinition }>().definition;
    const key = anIdempotencyKey();

    const first = await publish(brandId, { definition: template }, key);
    const retry = await publish(brandId, { definition: template }, key);

    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, source: 'published' });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((await current(brandId)).definition.promotions.map((p) => p.id)).toEqual([
      'off-season-wednesday-double',
      'birthday-double',
      'first-ten-of-the-day-double',
    ]);
    const announced = await payloadsOf(brandId, 'programme.published');
    expect(announced).toHaveLength(1);
    expect(announced[0]?.data).toMatchObject({
      version: 1,
      fenPerPoint: 1_000,
      tiers: ['vip', 'gold'],
    });
  });

  it('when a version is published to take effect later, then the current one stays in force until then; one dated before it is refused', async () => {
    const brandId = aBrand();
    await publish(brandId, { definition: withTiers() });
    const inTenDays = new Date(clock.now().getTime() + 10 * DAY_MS).toISOString();
    const later = await publish(brandId, {
      effectiveFrom: inTenDays,
      definition: withTiers({ earn: { fenPerPoint: 500 } }),
    });
    expect(later.json()).toMatchObject({ version: 2, effectiveFrom: inTenDays });
    expect((await current(brandId)).version).toBe(1);

    const earlier = await publish(brandId, {
      effectiveFrom: new Date(clock.now().getTime() + DAY_MS).toISOString(),
      definition: withTiers(),
    });
    expect(earlier.statusCode).toBe(409);
    expect(earlier.json()).toMatchObject({
      code: 'PROGRAMME_OUT_OF_ORDER',
      field: 'effectiveFrom',
    });
    expect(
      await loyalty.context.db('programme_versions').where({ brand_id: brandId }),
    ).toHaveLength(2);
  });

  it.each([
    [
      'tiers out of order',
      { definition: withTiers({ tiers: [...SEED_PROGRAMME_TEMPLATE.tiers].reverse() }) },
      400,
      'definition.tiers[1].threshold',
    ],
    [
      'a discount over 100%',
      {
        definition: withTiers({
          tiers: [{ ...SEED_PROGRAMME_TEMPLATE.tiers[0]!, discountBp: 10_001 }],
        }),
      },
      400,
      'definition.tiers[0].discountBp',
    ],
    ['an unknown property', { definition: { ...withTiers(), bogus: 1 } }, 400, 'definition.bogus'],
    [
      'a control character in a name',
      {
        definition: withTiers({
          tiers: [{ ...SEED_PROGRAMME_TEMPLATE.tiers[0]!, name: 'V\u0000IP' }],
        }),
      },
      400,
      'definition.tiers[0].name',
    ],
    [
      'a version in the past',
      { effectiveFrom: '2026-01-01T00:00:00Z', definition: withTiers() },
      422,
      'effectiveFrom',
    ],
  ])(
    'when the request has %s, then it is refused naming the field and nothing is written',
    async (_, body, status, field) => {
      const brandId = aBrand();
      const response = await publish(brandId, body);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ field });
      expect(
        await loyalty.context.db('programme_versions').where({ brand_id: brandId }),
      ).toHaveLength(0);
      expect(await outboxOf(brandId, 'programme.published')).toHaveLength(0);
    },
  );
});

describe('R3/R4: checkout quote', () => {
  const tableCounts = async () => {
    const tables = await loyalty.context
      .db('information_schema.tables')
      .where({ table_schema: 'public' })
      .pluck<string[]>('table_name');
    const counts: Record<string, number> = {};
    for (const table of tables)
      counts[table] = Number(
        (await loyalty.context.db(table).count<{ c: string }[]>({ c: '*' }))[0]?.c,
      );
    return counts;
  };

  it('when a VIP asks on an off-season Wednesday, then the quote gives the tier discount and the doubled points with their reasons, and records nothing', async () => {
    const brandId = aBrand();
    await publish(brandId, { definition: SEED_PROGRAMME_TEMPLATE });
    const memberId = await aMember(brandId);
    const before = await tableCounts();

    const response = await loyalty.app.inject({
      method: 'POST',
      url: '/v1/checkout/quote',
      headers: headersOf(brandId),
      payload: {
        memberId,
        storeId: 'SH-001',
        lines: [
          { sku: 'RING', category: 'gold', quantity: 1, unitPriceFen: 1_000_000 },
          { sku: 'CHAIN', quantity: 1, unitPriceFen: 100_000, onSale: true },
        ],
      },
    });

    expect(response.statusCode).toBe(200);
    const quote = response.json<{
      points: { rules: { rule: string; points: number }[]; totalPoints: number };
    }>();
    expect(quote).toMatchObject({
      tier: { code: 'vip', discountBp: 2_000 },
      memberDay: false,
      tierDiscountFen: 200_000,
      payableFen: 900_000,
    });
    // 9,000 yuan → 900 base; the ring (800) doubled on an off-season Wednesday and for the
    // first paying member of the day; the on-sale chain earns base points only.
    expect(quote.points.rules.map((r) => [r.rule, r.points])).toEqual([
      ['base', 900],
      ['promotion:off-season-wednesday-double', 800],
      ['promotion:first-ten-of-the-day-double', 800],
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    [{ quantity: 0 }, 'lines[0].quantity'],
    [{ unitPriceFen: -1 }, 'lines[0].unitPriceFen'],
    [{ sku: 'A\u0000' }, 'lines[0].sku'],
  ])('when a line has %o, then 400 names the field', async (bad, field) => {
    const brandId = aBrand();
    const response = await loyalty.app.inject({
      method: 'POST',
      url: '/v1/checkout/quote',
      headers: headersOf(brandId),
      payload: {
        memberId: randomUUID(),
        storeId: 'SH-001',
        lines: [{ sku: 'RING', quantity: 1, unitPriceFen: 100, ...bad }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field });
  });
});

describe('R4: first 10 paying members per store per day, on the real counters', () => {
  it('when 11 members pay at once at one store, then exactly 10 get the first-10 double; a promotion budget is never overspent', async () => {
    const brandId = aBrand();
    await publish(brandId, {
      definition: {
        ...SEED_PROGRAMME_TEMPLATE,
        promotions: [
          SEED_PROGRAMME_TEMPLATE.promotions[2]!,
          {
            id: 'budgeted-bonus',
            name: 'Bonus while the budget lasts',
            stackable: true,
            conditions: {},
            effect: { kind: 'bonus', points: 30 },
            limits: { budget: 100 },
          },
        ],
      },
    });
    const at = clock.now();
    const earns = await Promise.all(
      Array.from({ length: 11 }, () =>
        loyalty.context.db.transaction(async (trx) =>
          earnPointsForPurchase(trx, await programmeInForce(trx, brandId, at), {
            brandId,
            memberId: randomUUID(),
            storeId: 'SH-002',
            at,
            purchaseId: randomUUID(),
            lines: [{ sku: 'RING', quantity: 1, paidFen: 100_000 }],
          }),
        ),
      ),
    );
    const firstTen = earns.filter((e) =>
      e.rules.some((r) => r.rule === 'promotion:first-ten-of-the-day-double'),
    );
    expect(firstTen).toHaveLength(10);
    const budget = earns.flatMap((e) =>
      e.rules.filter((r) => r.rule === 'promotion:budgeted-bonus'),
    );
    expect(budget.reduce((s, r) => s + r.points, 0)).toBe(100);
    const ranks = await loyalty.context
      .db('store_day_payers')
      .where({ brand_id: brandId })
      .pluck<number[]>('rank');
    expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });
});

describe('R3: tiers move with purchases and the period review', () => {
  it('when purchases cross the gold threshold, then the member goes up at once and tier.changed is emitted once', async () => {
    const brandId = aBrand();
    await publish(brandId, { definition: withTiers() });
    const memberId = await aMember(brandId);

    expect((await buy(brandId, memberId, 3_000_000)).statusCode).toBe(201);
    expect(await tierOf(brandId, memberId)).toMatchObject({
      tier: { code: 'vip' },
      keep: null,
      next: { tier: 'gold', remaining: 2_000_000, by: '2026-12-31T16:00:00.000Z' },
    });
    expect(await outboxOf(memberId, 'tier.changed')).toHaveLength(0);

    await buy(brandId, memberId, 2_500_000);
    await buy(brandId, memberId, 100_000);

    const changes = await payloadsOf(memberId, 'tier.changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]?.data).toMatchObject({
      fromTier: 'vip',
      toTier: 'gold',
      direction: 'up',
      reason: 'purchase',
      progress: 5_500_000,
    });
    expect(await tierOf(brandId, memberId)).toMatchObject({
      tier: { code: 'gold' },
      // Calendar year: held to the end of 2026, reviewed 30 grace days later.
      keep: { required: 5_000_000, remaining: 0, by: '2027-01-30T16:00:00.000Z' },
      next: null,
    });
  });

  it('when the period ends and the grace days pass, then the review job downgrades who did not keep up and keeps who did', async () => {
    const brandId = aBrand();
    await publish(brandId, {
      definition: withTiers({
        qualification: { metric: 'spend', window: 'rolling-12-months', downgradeGraceDays: 10 },
      }),
    });
    const lapsing = await aMember(brandId);
    const loyal = await aMember(brandId);
    await buy(brandId, lapsing, 5_000_000);
    await buy(brandId, loyal, 5_000_000);
    expect((await tierOf(brandId, lapsing)).tier?.code).toBe('gold');

    clock.advance({ days: 200 });
    await buy(brandId, loyal, 5_000_000);
    clock.advance({ days: 165 + 5 });
    // Past the period end, inside the grace days: nobody is reviewed yet.
    expect((await tierOf(brandId, lapsing)).tier?.code).toBe('gold');
    expect(await outboxOf(lapsing, 'tier.changed')).toHaveLength(1);

    clock.advance({ days: 6 });
    await eventually(async () => {
      const changes = await payloadsOf(lapsing, 'tier.changed');
      expect(changes.map((c) => [c.data['direction'], c.data['reason'], c.data['toTier']])).toEqual(
        [
          ['up', 'purchase', 'gold'],
          ['down', 'review', 'vip'],
        ],
      );
    });
    expect((await tierOf(brandId, lapsing)).tier?.code).toBe('vip');
    await eventually(async () => {
      const row = await loyalty.context
        .db('member_tiers')
        .where({ member_id: loyal })
        .first<{ review_at: Date }>();
      expect(row.review_at.getTime()).toBeGreaterThan(clock.now().getTime());
    });
    expect((await tierOf(brandId, loyal)).tier?.code).toBe('gold');
    expect(await outboxOf(loyal, 'tier.changed')).toHaveLength(1);
  });
});

describe('R3: the tier review with several replicas', () => {
  it('when two replicas claim due reviews at once, then each member is claimed by one of them only', async () => {
    const brandId = aBrand();
    const db = loyalty.context.db;
    // Due only in 1,000 days: the running job leaves them alone; the two "replicas" claim as then.
    const past = new Date(clock.now().getTime() + 1_000 * DAY_MS);
    const then = new Date(past.getTime() + DAY_MS);
    const members = Array.from({ length: 4 }, () => randomUUID());
    await db('member_tiers').insert(
      members.map((memberId) => ({
        member_id: memberId,
        brand_id: brandId,
        tier_code: 'gold',
        since: past,
        period_end: past,
        review_at: past,
        updated_at: past,
      })),
    );
    const first = await db.transaction();
    const second = await db.transaction();
    try {
      const claimedByFirst = await tiersRepository.claimDue(first, brandId, then, 3);
      const claimedBySecond = await tiersRepository.claimDue(second, brandId, then, 3);
      expect(claimedByFirst).toHaveLength(3);
      expect(claimedBySecond).toHaveLength(1);
      const all = [...claimedByFirst, ...claimedBySecond].map((t) => t.memberId);
      expect(new Set(all)).toEqual(new Set(members));
    } finally {
      await first.rollback();
      await second.rollback();
    }
  });
});
