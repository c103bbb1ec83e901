import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMME } from '../src/domain/programme/default-programme';
import { earnForPurchase, type EarnLine } from '../src/domain/programme/earn';
import { SEED_PROGRAMME_TEMPLATE } from '../src/domain/programme/seed-template';
import {
  OFF_SEASON_WEDNESDAY,
  THURSDAY,
  aMemberContext,
  aProgramme,
  aPromotion,
  aTier,
} from './programme-builders';

const line = (paidFen: number, overrides: Partial<EarnLine> = {}): EarnLine => ({
  sku: `sku-${paidFen}`,
  quantity: 1,
  paidFen,
  ...overrides,
});
const purchase = (...lines: EarnLine[]) => ({ storeId: 'store-1', lines });
const seed = aProgramme(SEED_PROGRAMME_TEMPLATE);

describe('R4: base points, rounding stated', () => {
  it('when 12,345.67 yuan is paid under the default programme, then 1,234 points are earned', () => {
    const earn = earnForPurchase(
      DEFAULT_PROGRAMME,
      purchase(line(1_234_567)),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn).toMatchObject({
      basePoints: 1_234,
      bonusPoints: 0,
      totalPoints: 1_234,
      programmeVersion: 0,
    });
    expect(earn.rules).toEqual([expect.objectContaining({ rule: 'base', points: 1_234 })]);
  });

  it('when a receipt has several lines, then it is rounded down once per receipt and split by paid amount', () => {
    // 3 × 6.66 yuan: per line 0 points each, per receipt 19.98 yuan → 1 point.
    const earn = earnForPurchase(
      DEFAULT_PROGRAMME,
      purchase(line(666), line(666), line(666)),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn.basePoints).toBe(1);
    expect(earn.lines.map((l) => l.basePoints)).toEqual([1, 0, 0]);
  });

  it('when lines have uneven amounts, then each line gets its share and the shares add up', () => {
    const earn = earnForPurchase(
      DEFAULT_PROGRAMME,
      purchase(line(1_550_000), line(450_000), line(1)),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn.lines.map((l) => l.basePoints)).toEqual([1_550, 450, 0]);
    expect(earn.totalPoints).toBe(2_000);
  });

  it('when the programme has another rate, then it applies', () => {
    const earn = earnForPurchase(
      aProgramme({ earn: { fenPerPoint: 100 } }),
      purchase(line(12_345)),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn.basePoints).toBe(123);
  });

  it('when a store overrides the rate and head office allows it, then that store earns at its rate only', () => {
    const programme = aProgramme({
      allowStoreOverrides: ['fenPerPoint'],
      storeOverrides: [{ storeId: 'store-1', fenPerPoint: 500 }],
    });
    expect(
      earnForPurchase(programme, purchase(line(10_000)), aMemberContext(), THURSDAY).basePoints,
    ).toBe(20);
    expect(
      earnForPurchase(
        programme,
        { storeId: 'store-2', lines: [line(10_000)] },
        aMemberContext(),
        THURSDAY,
      ).basePoints,
    ).toBe(10);
  });

  it('when a store override is not allowed, then head office rate applies', () => {
    const programme = aProgramme({ storeOverrides: [{ storeId: 'store-1', fenPerPoint: 500 }] });
    expect(
      earnForPurchase(programme, purchase(line(10_000)), aMemberContext(), THURSDAY).basePoints,
    ).toBe(10);
  });

  it('the built-in default has no promotions: a Wednesday birthday purchase earns base points only', () => {
    const earn = earnForPurchase(
      DEFAULT_PROGRAMME,
      purchase(line(100_000)),
      aMemberContext({ birthday: '1990-03-04', storeDayRank: 1 }),
      OFF_SEASON_WEDNESDAY,
    );
    expect(earn.totalPoints).toBe(100);
  });
});

describe('R4: each promotion condition, on the seed template', () => {
  it('when a member buys on an off-season Wednesday, then points are doubled', () => {
    const earn = earnForPurchase(
      seed,
      purchase(line(100_000)),
      aMemberContext({ tierCode: 'vip' }),
      OFF_SEASON_WEDNESDAY,
    );
    expect(earn.totalPoints).toBe(200);
    expect(earn.rules.map((r) => r.rule)).toEqual([
      'base',
      'promotion:off-season-wednesday-double',
    ]);
  });

  it('when it is a Wednesday in season, or another day off season, then no double', () => {
    const inSeasonWednesday = new Date('2026-10-07T02:00:00Z');
    for (const at of [inSeasonWednesday, THURSDAY]) {
      const earn = earnForPurchase(seed, purchase(line(100_000)), aMemberContext(), at);
      expect(earn.totalPoints).toBe(100);
      expect(earn.notApplied.map((n) => n.rule)).toContain('promotion:off-season-wednesday-double');
    }
  });

  it("when it is the member's birthday in the brand's time zone, then points are doubled", () => {
    // 2026-03-05 00:30 in Shanghai is still 03-04 in UTC.
    const earn = earnForPurchase(
      seed,
      purchase(line(100_000)),
      aMemberContext({ birthday: '1990-03-05' }),
      new Date('2026-03-04T16:30:00Z'),
    );
    expect(earn.rules.map((r) => r.rule)).toContain('promotion:birthday-double');
    expect(earn.totalPoints).toBe(200);
  });

  it('when a 29 February birthday falls in a common year, then the 28th counts', () => {
    const programme = aProgramme({ promotions: [aPromotion({ conditions: { birthday: 'day' } })] });
    const earn = earnForPurchase(
      programme,
      purchase(line(10_000)),
      aMemberContext({ birthday: '2000-02-29' }),
      new Date('2026-02-28T04:00:00Z'),
    );
    expect(earn.totalPoints).toBe(20);
  });

  it('when the condition is the birthday month, then any day of that month counts', () => {
    const programme = aProgramme({
      promotions: [aPromotion({ conditions: { birthday: 'month' } })],
    });
    expect(
      earnForPurchase(
        programme,
        purchase(line(10_000)),
        aMemberContext({ birthday: '1990-03-28' }),
        THURSDAY,
      ).totalPoints,
    ).toBe(20);
    expect(
      earnForPurchase(
        programme,
        purchase(line(10_000)),
        aMemberContext({ birthday: '1990-04-05' }),
        THURSDAY,
      ).totalPoints,
    ).toBe(10);
  });

  it('when the member is the 10th paying member of the store today, then points are doubled; the 11th is not', () => {
    const tenth = earnForPurchase(
      seed,
      purchase(line(100_000)),
      aMemberContext({ storeDayRank: 10 }),
      THURSDAY,
    );
    const eleventh = earnForPurchase(
      seed,
      purchase(line(100_000)),
      aMemberContext({ storeDayRank: 11 }),
      THURSDAY,
    );
    expect(tenth.totalPoints).toBe(200);
    expect(eleventh.totalPoints).toBe(100);
    expect(eleventh.notApplied).toContainEqual({
      rule: 'promotion:first-ten-of-the-day-double',
      reason: "for the first 10 paying members of the store's day only",
    });
  });

  it('when it is the monthly member day, then a member-day promotion applies', () => {
    const programme = aProgramme({
      memberDay: { dayOfMonth: 8, discountBp: 500 },
      promotions: [
        aPromotion({ conditions: { memberDay: true }, effect: { kind: 'bonus', points: 88 } }),
      ],
    });
    expect(
      earnForPurchase(
        programme,
        purchase(line(10_000)),
        aMemberContext(),
        new Date('2026-03-08T02:00:00Z'),
      ).totalPoints,
    ).toBe(98);
    expect(
      earnForPurchase(
        programme,
        purchase(line(10_000)),
        aMemberContext(),
        new Date('2026-03-09T02:00:00Z'),
      ).totalPoints,
    ).toBe(10);
  });

  it('when a promotion has validity dates, then it runs only between them (local days)', () => {
    const programme = aProgramme({
      promotions: [aPromotion({ validFrom: '2026-03-05', validTo: '2026-03-06' })],
    });
    expect(
      earnForPurchase(programme, purchase(line(10_000)), aMemberContext(), OFF_SEASON_WEDNESDAY)
        .totalPoints,
    ).toBe(10);
    expect(
      earnForPurchase(programme, purchase(line(10_000)), aMemberContext(), THURSDAY).totalPoints,
    ).toBe(20);
    expect(
      earnForPurchase(
        programme,
        purchase(line(10_000)),
        aMemberContext(),
        new Date('2026-03-07T02:00:00Z'),
      ).totalPoints,
    ).toBe(10);
  });

  it('when a promotion is for a tier, then only members of that tier get it', () => {
    const programme = aProgramme({
      tiers: [aTier('vip', 0), aTier('gold', 100)],
      promotions: [aPromotion({ conditions: { tiers: ['gold'] } })],
    });
    expect(
      earnForPurchase(
        programme,
        purchase(line(10_000)),
        aMemberContext({ tierCode: 'gold' }),
        THURSDAY,
      ).totalPoints,
    ).toBe(20);
    expect(
      earnForPurchase(
        programme,
        purchase(line(10_000)),
        aMemberContext({ tierCode: 'vip' }),
        THURSDAY,
      ).totalPoints,
    ).toBe(10);
  });

  it('when a promotion is for some stores or a region, then only there', () => {
    const programme = aProgramme({
      regions: [{ regionId: 'east', storeIds: ['store-2'] }],
      promotions: [
        aPromotion({
          id: 'in-store-1',
          conditions: { stores: ['store-1'] },
          effect: { kind: 'bonus', points: 5 },
        }),
        aPromotion({
          id: 'in-east',
          conditions: { regions: ['east'] },
          effect: { kind: 'bonus', points: 7 },
        }),
      ],
    });
    const at = (storeId: string) =>
      earnForPurchase(programme, { storeId, lines: [line(10_000)] }, aMemberContext(), THURSDAY)
        .totalPoints;
    expect([at('store-1'), at('store-2'), at('store-3')]).toEqual([15, 17, 10]);
  });

  it('when a promotion is for a category, then only those lines earn the bonus', () => {
    const programme = aProgramme({
      promotions: [aPromotion({ conditions: { categories: ['gold-jewelry'] } })],
    });
    const earn = earnForPurchase(
      programme,
      purchase(line(10_000, { category: 'gold-jewelry' }), line(10_000, { category: 'pearl' })),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn.lines.map((l) => l.bonusPoints)).toEqual([10, 0]);
  });

  it('when a line is on sale, then it earns base points but no promotion, unless the promotion includes sale items', () => {
    const excluded = aProgramme({ promotions: [aPromotion()] });
    const included = aProgramme({
      promotions: [aPromotion({ conditions: { includeOnSale: true } })],
    });
    const lines = purchase(line(10_000, { onSale: true }), line(10_000));
    expect(
      earnForPurchase(excluded, lines, aMemberContext(), THURSDAY).lines.map((l) => [
        l.basePoints,
        l.bonusPoints,
      ]),
    ).toEqual([
      [10, 0],
      [10, 10],
    ]);
    expect(earnForPurchase(included, lines, aMemberContext(), THURSDAY).totalPoints).toBe(40);
  });

  it('when every line is on sale, then the promotion says there was no eligible line', () => {
    const earn = earnForPurchase(
      aProgramme({ promotions: [aPromotion()] }),
      purchase(line(10_000, { onSale: true })),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn.notApplied).toEqual([{ rule: 'promotion:double', reason: 'no eligible line' }]);
  });
});

describe('R4: effects', () => {
  it('multiplier: extra points per line on its base points, rounded down per line', () => {
    const programme = aProgramme({
      promotions: [aPromotion({ effect: { kind: 'multiplier', factorBp: 15_000 } })],
    });
    const earn = earnForPurchase(
      programme,
      purchase(line(3_000), line(3_000)),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn.lines.map((l) => l.bonusPoints)).toEqual([1, 1]);
  });

  it('bonus: points once per purchase, split over eligible lines by amount', () => {
    const programme = aProgramme({
      promotions: [aPromotion({ effect: { kind: 'bonus', points: 100 } })],
    });
    const earn = earnForPurchase(
      programme,
      purchase(line(30_000), line(10_000)),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn.lines.map((l) => l.bonusPoints)).toEqual([75, 25]);
  });

  it('fixed: points per item bought', () => {
    const programme = aProgramme({
      promotions: [aPromotion({ effect: { kind: 'fixed', pointsPerItem: 50 } })],
    });
    const earn = earnForPurchase(
      programme,
      purchase(line(1_000, { quantity: 3 })),
      aMemberContext(),
      THURSDAY,
    );
    expect(earn.bonusPoints).toBe(150);
  });

  it('tier multiplier: a gold member earns 1.5x base points', () => {
    const programme = aProgramme({ tiers: [aTier('vip', 0), aTier('gold', 100, 15_000)] });
    const earn = earnForPurchase(
      programme,
      purchase(line(100_000)),
      aMemberContext({ tierCode: 'gold' }),
      THURSDAY,
    );
    expect(earn.rules.map((r) => [r.rule, r.points])).toEqual([
      ['base', 100],
      ['tier:gold', 50],
    ]);
  });
});

describe('R4: stacking policy', () => {
  const birthdayWednesday = aMemberContext({ birthday: '1990-03-04' });

  it('combine: a birthday on an off-season Wednesday earns base + two doubles (3x)', () => {
    const earn = earnForPurchase(
      seed,
      purchase(line(100_000)),
      birthdayWednesday,
      OFF_SEASON_WEDNESDAY,
    );
    expect(earn.totalPoints).toBe(300);
  });

  it('best-only: only the promotion giving most applies, the other is explained', () => {
    const programme = aProgramme({
      stacking: 'best-only',
      promotions: [
        aPromotion({ id: 'small', effect: { kind: 'bonus', points: 5 } }),
        aPromotion({ id: 'big', effect: { kind: 'bonus', points: 50 } }),
      ],
    });
    const earn = earnForPurchase(programme, purchase(line(10_000)), aMemberContext(), THURSDAY);
    expect(earn.totalPoints).toBe(60);
    expect(earn.notApplied).toEqual([
      { rule: 'promotion:small', reason: 'outranked under the best-only stacking policy' },
    ]);
  });

  it('combine with a non-stackable promotion: it wins alone only if it gives more than the stackable ones together', () => {
    const promotions = (exclusivePoints: number) => [
      aPromotion({ id: 'a', effect: { kind: 'bonus', points: 10 } }),
      aPromotion({ id: 'b', effect: { kind: 'bonus', points: 10 } }),
      aPromotion({
        id: 'solo',
        stackable: false,
        effect: { kind: 'bonus', points: exclusivePoints },
      }),
    ];
    const earn = (points: number) =>
      earnForPurchase(
        aProgramme({ promotions: promotions(points) }),
        purchase(line(10_000)),
        aMemberContext(),
        THURSDAY,
      );
    expect(earn(15).rules.map((r) => r.rule)).toEqual(['base', 'promotion:a', 'promotion:b']);
    expect(earn(25).rules.map((r) => r.rule)).toEqual(['base', 'promotion:solo']);
  });
});

describe('R4: abuse limits and budgets', () => {
  const limited = (limits: object) =>
    aProgramme({
      promotions: [aPromotion({ id: 'p', effect: { kind: 'bonus', points: 100 }, limits })],
    });
  const used = (memberToday: number, memberThisMonth: number, budgetUsed: number) =>
    aMemberContext({ usage: { p: { memberToday, memberThisMonth, budgetUsed } } });

  it('per member per day: the bonus is cut to what is left of the day', () => {
    const earn = earnForPurchase(
      limited({ perMemberPerDay: 150 }),
      purchase(line(10_000)),
      used(80, 80, 80),
      THURSDAY,
    );
    expect(earn.bonusPoints).toBe(70);
    expect(earn.rules[1]?.explanation).toContain('cut to 70 by its limit');
  });

  it('per member per month: nothing once the month is used up', () => {
    const earn = earnForPurchase(
      limited({ perMemberPerMonth: 300 }),
      purchase(line(10_000)),
      used(0, 300, 300),
      THURSDAY,
    );
    expect(earn.bonusPoints).toBe(0);
    expect(earn.notApplied).toEqual([{ rule: 'promotion:p', reason: 'limit reached' }]);
  });

  it('global budget: the last points of the budget are given, then none', () => {
    expect(
      earnForPurchase(limited({ budget: 1_000 }), purchase(line(10_000)), used(0, 0, 960), THURSDAY)
        .bonusPoints,
    ).toBe(40);
    expect(
      earnForPurchase(
        limited({ budget: 1_000 }),
        purchase(line(10_000)),
        used(0, 0, 1_000),
        THURSDAY,
      ).bonusPoints,
    ).toBe(0);
  });

  it('a capped bonus is still split over the lines so that the parts add up', () => {
    const earn = earnForPurchase(
      limited({ perMemberPerDay: 7 }),
      purchase(line(10_000), line(10_000), line(10_000)),
      used(0, 0, 0),
      THURSDAY,
    );
    expect(earn.lines.map((l) => l.bonusPoints)).toEqual([3, 2, 2]);
  });
});
