import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import { aTestClock, anIdempotencyKey, eventually, publishRaw } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ProgrammeDefinition } from '../src/domain/programme/programme-definition';
import { SEED_PROGRAMME_TEMPLATE as SEED } from '../src/domain/programme/seed-template';
import { startEarning, type Recorded } from './promotion-earning-under-test';

// Wednesday 4 March 2026, 10:00 in Shanghai: off season. Only the last tests move it forward.
const WEDNESDAY = new Date('2026-03-04T02:00:00Z');
const clock = aTestClock(WEDNESDAY);
let api: Awaited<ReturnType<typeof startEarning>>;

beforeAll(async () => {
  api = await startEarning(clock);
});
afterAll(() => api?.close());

const only = (...ids: string[]): ProgrammeDefinition => ({
  ...SEED,
  promotions: SEED.promotions.filter((p) => ids.includes(p.id)),
});

async function aBrandWith(definition: ProgrammeDefinition) {
  const brandId = api.aBrand();
  expect((await api.publish(brandId, definition)).statusCode).toBe(201);
  return brandId;
}

const benefitsOf = async (brandId: string, memberId: string) =>
  (await api.get(brandId, `/v1/members/${memberId}/benefits`)).json<{
    programmeVersion: number;
    benefits: { kind: string }[];
  }>();
const benefitOf = async (brandId: string, memberId: string, kind: string) =>
  (await benefitsOf(brandId, memberId)).benefits.find((b) => b.kind === kind);

const recorded = (response: { statusCode: number; json: <T>() => T }) => {
  expect(response.statusCode).toBe(201);
  return response.json<Recorded>();
};

const threeLines = [
  { sku: 'RING', unitPriceFen: 520_000 },
  { sku: 'BEAD', unitPriceFen: 3_333, quantity: 3 },
  { sku: 'CHAIN', unitPriceFen: 88_800 },
];

describe('R4: the programme earns on recorded purchases', () => {
  it('R4: a Wednesday off-season purchase earns double; the purchase, the ledger and points.earned say which rules applied under which version', async () => {
    const brandId = await aBrandWith(only('off-season-wednesday-double'));
    const memberId = await api.aMember(brandId);

    const sale = recorded(
      await api.buy(brandId, memberId, [{ sku: 'RING', unitPriceFen: 1_234_567 }]),
    );

    const rules = [
      { rule: 'base', points: 1_234 },
      { rule: 'promotion:off-season-wednesday-double', points: 1_234 },
    ];
    expect(sale).toMatchObject({
      pointsEarned: 2_468,
      programmeVersion: 1,
      rules,
      lines: [{ lineNumber: 1, pointsEarned: 2_468, bonusPoints: 1_234 }],
    });
    const ledger = await api.get(brandId, `/v1/members/${memberId}/points/ledger`);
    expect(ledger.json()).toMatchObject({
      items: [
        {
          kind: 'earn',
          delta: 2_468,
          reason: 'purchase:base+promotion:off-season-wednesday-double',
          rules,
          programmeVersion: 1,
        },
      ],
    });
    const [earned, ...more] = await api.events(memberId, 'points.earned');
    expect(more).toHaveLength(0);
    expect(earned?.data).toMatchObject({
      points: 2_468,
      basePoints: 1_234,
      bonusPoints: 1_234,
      programmeVersion: 1,
      rules,
    });
  });

  it('R4: a birthday purchase earns double and grants the birthday gift once, which is claimed once', async () => {
    const brandId = await aBrandWith(only('birthday-double'));
    const memberId = await api.aMember(brandId, '1991-03-04');

    const first = recorded(
      await api.buy(brandId, memberId, [{ sku: 'RING', unitPriceFen: 100_000 }]),
    );
    const second = recorded(await api.buy(brandId, memberId, [{ sku: 'BOX', unitPriceFen: 1 }]));

    expect(first.pointsEarned).toBe(200);
    expect(second.pointsEarned).toBe(0);
    const granted = await api.events(memberId, 'benefit.granted');
    expect(granted.map((e) => e.data)).toMatchObject([
      { kind: 'birthday-gift', period: '2026', memberId, storeId: 'SH-001' },
    ]);
    const gift = { kind: 'birthday-gift', period: '2026' };
    expect(await benefitOf(brandId, memberId, 'birthday-gift')).toMatchObject({
      ...gift,
      status: 'available',
      claimedAt: null,
    });

    const url = `/v1/members/${memberId}/benefits/birthday-gift/claim`;
    const key = anIdempotencyKey();
    const claim = await api.post(brandId, url, { storeId: 'SH-002' }, key);
    const replay = await api.post(brandId, url, { storeId: 'SH-002' }, key);
    const again = await api.post(brandId, url, { storeId: 'SH-002' });

    expect(claim.statusCode).toBe(201);
    expect(claim.json()).toMatchObject({ ...gift, memberId, storeId: 'SH-002' });
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(claim.json());
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'BENEFIT_ALREADY_CLAIMED', field: 'kind' });
    expect(await benefitOf(brandId, memberId, 'birthday-gift')).toMatchObject({
      ...gift,
      status: 'claimed',
      claimedStoreId: 'SH-002',
    });
    expect(await api.events(memberId, 'benefit.granted')).toHaveLength(1);
  });

  it('R4: a member whose birthday it is not has no gift to claim (422), and a returned birthday purchase withdraws an unclaimed gift', async () => {
    const brandId = await aBrandWith(only('birthday-double'));
    const notToday = await api.aMember(brandId, '1991-07-01');
    const returning = await api.aMember(brandId, '1991-03-04');

    const refused = await api.post(
      brandId,
      `/v1/members/${notToday}/benefits/birthday-gift/claim`,
      {
        storeId: 'SH-001',
      },
    );
    const sale = recorded(
      await api.buy(brandId, returning, [{ sku: 'RING', unitPriceFen: 100_000 }]),
    );
    expect((await api.returnOf(brandId, sale.purchaseId)).statusCode).toBe(201);

    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'BENEFIT_NOT_AVAILABLE', field: 'kind' });
    expect(await benefitOf(brandId, notToday, 'birthday-gift')).toMatchObject({
      status: 'not-earned',
    });
    expect(await benefitOf(brandId, returning, 'birthday-gift')).toMatchObject({
      status: 'withdrawn',
    });
    expect(await api.balance(brandId, returning)).toBe(0);
  });

  it("R4: the 11th paying member of a store's day does not get the first-10 double", async () => {
    const brandId = await aBrandWith(only('first-ten-of-the-day-double'));
    const members = await Promise.all(Array.from({ length: 11 }, () => api.aMember(brandId)));

    const earned: number[] = [];
    for (const memberId of members)
      earned.push(
        recorded(await api.buy(brandId, memberId, [{ sku: 'RING', unitPriceFen: 100_000 }]))
          .pointsEarned,
      );

    expect(earned).toEqual([...Array<number>(10).fill(200), 100]);
  });

  it("R4: a partial return of one line reverses exactly that line's points, its share of the promotion bonus included", async () => {
    const brandId = await aBrandWith(only('off-season-wednesday-double'));
    const memberId = await api.aMember(brandId);
    // 6,187.99 yuan: 618 base points split 519 / 10 / 89 by paid amount, each line doubled.
    const sale = recorded(await api.buy(brandId, memberId, threeLines));
    expect(sale.pointsEarned).toBe(1_236);
    expect(sale.lines.map((l) => [l.pointsEarned, l.bonusPoints])).toEqual([
      [1_038, 519],
      [20, 10],
      [178, 89],
    ]);

    const chain = await api.returnOf(brandId, sale.purchaseId, [{ lineNumber: 3, quantity: 1 }]);
    const bead = await api.returnOf(brandId, sale.purchaseId, [{ lineNumber: 2, quantity: 1 }]);

    expect(chain.json()).toMatchObject({ pointsReversed: 178, pointsBalance: 1_058 });
    // The two beads kept still earn floor(20 x 2/3) = 13 of the line's 20.
    expect(bead.json()).toMatchObject({ pointsReversed: 7, pointsBalance: 1_051 });
  });

  it('R4: returning and buying the same beads again under a promotion never earns more than one purchase', async () => {
    const brandId = await aBrandWith(only('off-season-wednesday-double'));
    const memberId = await api.aMember(brandId);
    const bead = { sku: 'BEAD', unitPriceFen: 3_333 };
    const first = recorded(await api.buy(brandId, memberId, [{ ...bead, quantity: 3 }]));
    expect(first.pointsEarned).toBe(18);

    for (let round = 0; round < 3; round += 1) {
      await api.returnOf(brandId, first.purchaseId, [{ lineNumber: 1, quantity: 1 }]);
      const rebought = recorded(await api.buy(brandId, memberId, [bead]));
      await api.returnOf(brandId, rebought.purchaseId);
      await api.buy(brandId, memberId, [bead]);
    }

    expect(await api.balance(brandId, memberId)).toBeLessThanOrEqual(18);
  });

  it('R3: a gold member earns the tier multiplier; a returned purchase stops counting towards the tier', async () => {
    const brandId = await aBrandWith(only());
    const memberId = await api.aMember(brandId);

    const crossing = recorded(
      await api.buy(brandId, memberId, [{ sku: 'SET', unitPriceFen: 5_000_000 }]),
    );
    const asGold = recorded(
      await api.buy(brandId, memberId, [{ sku: 'RING', unitPriceFen: 100_000 }]),
    );
    await api.returnOf(brandId, crossing.purchaseId);

    expect(crossing.pointsEarned).toBe(5_000);
    expect(asGold).toMatchObject({
      pointsEarned: 150,
      rules: [
        { rule: 'base', points: 100 },
        { rule: 'tier:gold', points: 50 },
      ],
    });
    expect(await api.events(memberId, 'tier.changed')).toHaveLength(1);
    const progress = await api
      .db('tier_progress')
      .where({ member_id: memberId })
      .sum<{ spend: string; purchases: string }[]>({ spend: 'amount_fen', purchases: 'purchases' });
    expect(progress[0]).toMatchObject({ spend: '100000', purchases: '1' });
  });
});

describe('R4: benefits a member claims once', () => {
  it('R4: the quarterly gift is claimed once a quarter; the member-day discount only on the member day', async () => {
    const brandId = await aBrandWith(SEED);
    const memberId = await api.aMember(brandId);
    const other = await api.aMember(brandId);

    const listed = await api.get(brandId, `/v1/members/${memberId}/benefits`);
    const claim = (kind: string, member = memberId) =>
      api.post(brandId, `/v1/members/${member}/benefits/${kind}/claim`, { storeId: 'SH-003' });
    const quarterly = await claim('quarterly-gift');
    const twice = await claim('quarterly-gift');
    const othersGift = await claim('quarterly-gift', other);
    const memberDay = await claim('member-day-discount');

    expect(listed.json()).toMatchObject({
      benefits: [
        { kind: 'birthday-gift', period: '2026', status: 'not-earned' },
        { kind: 'quarterly-gift', period: '2026-Q1', status: 'available' },
        {
          kind: 'member-day-discount',
          period: '2026-03',
          status: 'not-today',
          discountBp: 500,
          availableOn: '2026-03-08',
        },
      ],
    });
    expect(quarterly.statusCode).toBe(201);
    expect(quarterly.json()).toMatchObject({ kind: 'quarterly-gift', period: '2026-Q1' });
    expect(twice.statusCode).toBe(409);
    expect(othersGift.statusCode).toBe(201);
    expect(memberDay.statusCode).toBe(422);
    expect(memberDay.json()).toMatchObject({ code: 'BENEFIT_NOT_AVAILABLE', field: 'kind' });
    expect((await api.events(memberId, 'benefit.granted')).map((e) => e.data)).toMatchObject([
      { kind: 'quarterly-gift', period: '2026-Q1', storeId: 'SH-003' },
    ]);
  });

  it.each([
    ['an unknown kind', 'lucky-draw', { storeId: 'SH-001' }, 400, 'kind'],
    ['no store', 'quarterly-gift', {}, 400, 'storeId'],
    ['a control character in the store', 'quarterly-gift', { storeId: 'SH\u0000' }, 400, 'storeId'],
  ])(
    'when a claim has %s, then %i names %s and nothing is written',
    async (_, kind, body, status, field) => {
      const brandId = await aBrandWith(SEED);
      const memberId = await api.aMember(brandId);
      const response = await api.post(
        brandId,
        `/v1/members/${memberId}/benefits/${kind}/claim`,
        body,
      );
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ field });
      expect(await api.db('member_benefits').where({ member_id: memberId })).toHaveLength(0);
    },
  );

  it('a brand whose programme offers no benefit lists none and refuses claims', async () => {
    const brandId = api.aBrand();
    const memberId = await api.aMember(brandId);
    const listed = await api.get(brandId, `/v1/members/${memberId}/benefits`);
    const claim = await api.post(brandId, `/v1/members/${memberId}/benefits/quarterly-gift/claim`, {
      storeId: 'SH-001',
    });

    expect(listed.json()).toMatchObject({ programmeVersion: 0, benefits: [] });
    expect(claim.statusCode).toBe(422);
  });
});

describe('R7: the referral reward head office set', () => {
  const referred = (brandId: string, referrerMemberId: string, memberId: string = randomUUID()) =>
    createEvent({
      type: 'member.referred',
      brandId,
      memberId,
      data: { memberId, referrerMemberId, via: 'member-id', referredAt: clock.now().toISOString() },
    });
  const deliver = (...events: ReturnType<typeof referred>[]) =>
    publishRaw(
      inject('kafkaBrokers'),
      api.topic(Topics.membersEvents),
      events.map((e) => ({ key: e.memberId ?? '', value: JSON.stringify(e) })),
    );
  const processed = (...events: ReturnType<typeof referred>[]) =>
    eventually(
      async () =>
        expect(
          await api
            .db('processed_events')
            .where('consumer', 'like', '%loyalty.referral-rewards')
            .whereIn(
              'event_id',
              events.map((e) => e.id),
            ),
        ).toHaveLength(events.length),
      30_000,
    );

  it('R7: a referred member joining gives the referrer the reward once, however often the news comes', async () => {
    const brandId = await aBrandWith(SEED);
    const referrer = await api.aMember(brandId);
    const event = referred(brandId, referrer);
    const resent = { ...referred(brandId, referrer, event.memberId ?? '') };

    await deliver(event, event, resent);
    await processed(event, resent);

    expect(await api.balance(brandId, referrer)).toBe(100);
    expect((await api.events(referrer, 'points.adjusted')).map((e) => e.data)).toMatchObject([
      { points: 100, actor: 'programme:referral' },
    ]);
    const ledger = await api.get(brandId, `/v1/members/${referrer}/points/ledger`);
    expect(ledger.json()).toMatchObject({
      items: [{ kind: 'adjust', delta: 100, rules: [{ rule: 'referral', points: 100 }] }],
    });
  });

  it('R7: without a referral reward in the programme, a referral gives no points', async () => {
    const brandId = await aBrandWith({ ...SEED, referral: undefined });
    const referrer = await api.aMember(brandId);
    const event = referred(brandId, referrer);

    await deliver(event);
    await processed(event);

    expect(await api.balance(brandId, referrer)).toBe(0);
  });
});

describe('R4: later days', () => {
  it('R4: a sale synced late is evaluated by the programme in force when it happened', async () => {
    const brandId = await aBrandWith(only('off-season-wednesday-double'));
    const tomorrow = new Date(clock.now().getTime() + 86_400_000).toISOString();
    expect((await api.publish(brandId, only(), tomorrow)).statusCode).toBe(201);
    const memberId = await api.aMember(brandId);
    const soldOnWednesday = clock.now().toISOString();
    clock.advance({ days: 1, hours: 1 });

    const late = recorded(
      await api.buy(brandId, memberId, [{ sku: 'RING', unitPriceFen: 100_000 }], {
        purchasedAt: soldOnWednesday,
      }),
    );
    const today = recorded(
      await api.buy(brandId, memberId, [{ sku: 'RING', unitPriceFen: 100_000 }]),
    );

    expect(late).toMatchObject({ programmeVersion: 1, pointsEarned: 200 });
    expect(today).toMatchObject({ programmeVersion: 2, pointsEarned: 100 });
  });

  it('R4: on the member day the member-day discount is claimed once', async () => {
    clock.set(new Date('2026-03-08T02:00:00Z'));
    const brandId = await aBrandWith(SEED);
    const memberId = await api.aMember(brandId);
    const url = `/v1/members/${memberId}/benefits/member-day-discount/claim`;
    expect(await benefitOf(brandId, memberId, 'member-day-discount')).toMatchObject({
      status: 'available',
    });

    const claim = await api.post(brandId, url, { storeId: 'SH-001' });
    const again = await api.post(brandId, url, { storeId: 'SH-001' });

    expect(claim.statusCode).toBe(201);
    expect(claim.json()).toMatchObject({ period: '2026-03', discountBp: 500 });
    expect(again.statusCode).toBe(409);
  });
});
