import { describe, expect, it } from 'vitest';
import { quoteCheckout } from '../src/domain/programme/checkout-quote';
import { definitionProblems } from '../src/domain/programme/definition-problems';
import { pointsTermsFor } from '../src/domain/programme/points-terms';
import { SEED_PROGRAMME_TEMPLATE } from '../src/domain/programme/seed-template';
import {
  periodEnd,
  reviewWindow,
  tierReachedBy,
  upgradeWindowStart,
} from '../src/domain/programme/tier-rules';
import { THURSDAY, aMemberContext, aProgramme, aPromotion, aTier } from './programme-builders';

const SH = 'Asia/Shanghai';
const joined = new Date('2024-06-15T04:00:00Z');

describe('R3: qualification windows', () => {
  const at = new Date('2026-03-05T02:00:00Z');

  it('calendar year: counts from 1 January, local, and the period ends on the next 1 January', () => {
    expect(upgradeWindowStart('calendar-year', at, joined, SH).toISOString()).toBe(
      '2025-12-31T16:00:00.000Z',
    );
    expect(periodEnd('calendar-year', at, joined, SH).toISOString()).toBe(
      '2026-12-31T16:00:00.000Z',
    );
  });

  it('membership year: counts from the last joining anniversary', () => {
    expect(upgradeWindowStart('membership-year', at, joined, SH).toISOString()).toBe(
      '2025-06-14T16:00:00.000Z',
    );
    expect(periodEnd('membership-year', at, joined, SH).toISOString()).toBe(
      '2026-06-14T16:00:00.000Z',
    );
  });

  it('membership year: never starts before the member joined', () => {
    const justJoined = new Date('2026-03-01T04:00:00Z');
    expect(upgradeWindowStart('membership-year', at, justJoined, SH).toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
  });

  it('rolling 12 months: the last 12 months, and a tier won now is held 12 months', () => {
    expect(upgradeWindowStart('rolling-12-months', at, joined, SH).toISOString()).toBe(
      '2025-03-05T02:00:00.000Z',
    );
    expect(periodEnd('rolling-12-months', at, joined, SH).toISOString()).toBe(
      '2027-03-05T02:00:00.000Z',
    );
  });

  it('a rolling review looks at the 12 months before the review, not at the purchase that won the tier', () => {
    const window = reviewWindow('rolling-12-months', new Date('2027-03-05T02:00:00Z'), 10, SH);
    expect(window.from.toISOString()).toBe('2026-03-15T02:00:00.000Z');
    expect(window.to.toISOString()).toBe('2027-03-15T02:00:00.000Z');
  });

  it('a calendar-year review looks at the year that ended plus the grace days', () => {
    const window = reviewWindow('calendar-year', new Date('2026-12-31T16:00:00Z'), 30, SH);
    expect(window.from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(window.to.toISOString()).toBe('2027-01-30T16:00:00.000Z');
  });

  it('the tier reached is the highest threshold met', () => {
    const tiers = [aTier('vip', 0), aTier('gold', 5_000_000), aTier('diamond', 20_000_000)];
    expect(tierReachedBy(tiers, 4_999_999)?.code).toBe('vip');
    expect(tierReachedBy(tiers, 5_000_000)?.code).toBe('gold');
    expect(tierReachedBy(tiers.slice(1), 10)).toBeNull();
  });
});

describe('R4: points terms the ledger reads', () => {
  it('end of the year after earning, with a pending period', () => {
    const terms = pointsTermsFor(
      aProgramme(SEED_PROGRAMME_TEMPLATE),
      new Date('2026-03-05T02:00:00Z'),
    );
    expect(terms.expiresAt?.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(terms.spendableAt.toISOString()).toBe('2026-03-12T02:00:00.000Z');
  });

  it('months after earning, and never', () => {
    const months = aProgramme({
      points: { expiry: 'months-after-earning', expiryMonths: 18, pendingDays: 0 },
    });
    expect(pointsTermsFor(months, THURSDAY).expiresAt?.toISOString()).toBe(
      '2027-09-05T02:00:00.000Z',
    );
    expect(pointsTermsFor(aProgramme(), THURSDAY)).toMatchObject({
      expiresAt: null,
      spendableAt: THURSDAY,
    });
  });
});

describe('R3/R4: what makes a programme publishable', () => {
  it('the seed template is', () => {
    expect(definitionProblems(SEED_PROGRAMME_TEMPLATE)).toEqual([]);
  });

  it.each([
    ['tiers out of order', { tiers: [aTier('a', 10), aTier('b', 10)] }, 'tiers[1].threshold'],
    ['a repeated tier', { tiers: [aTier('a', 0), aTier('a', 10)] }, 'tiers[1].code'],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    [
      'expiry in months without months',
      { points: { expiry: 'months-after-earning' as const, pendingDays: 0 } },
      'points.expiryMonths',
    ],
    [
      'a promotion for an unknown tier',
      { promotions: [aPromotion({ conditions: { tiers: ['gold'] } })] },
      'promotions[0].conditions.tiers',
    ],
    [
      'validity ending before it starts',
      { promotions: [aPromotion({ validFrom: '2026-05-02', validTo: '2026-05-01' })] },
      'promotions[0].validTo',
    ],
    [
      'a member-day promotion without a member day',
      { promotions: [aPromotion({ conditions: { memberDay: true } })] },
      'promotions[0].conditions.memberDay',
    ],
    [
      'an override head office does not allow',
      { storeOverrides: [{ storeId: 's', fenPerPoint: 5 }] },
      'storeOverrides[0].fenPerPoint',
    ],
  ])('refuses %s, naming the field', (_, overrides, field) => {
    expect(definitionProblems(aProgramme(overrides).definition)[0]?.field).toBe(field);
  });
});

describe('R3/R4: checkout quote', () => {
  const programme = aProgramme({
    tiers: [aTier('vip', 0, 10_000, 2_000), aTier('gold', 100, 15_000, 3_000)],
    memberDay: { dayOfMonth: 8, discountBp: 500 },
  });
  const cart = {
    storeId: 'store-1',
    lines: [
      { sku: 'ring', quantity: 1, unitPriceFen: 1_000_000 },
      { sku: 'sale-chain', quantity: 2, unitPriceFen: 99_999, onSale: true },
    ],
  };

  it('gold on an ordinary day: 30% off non-sale lines, points on what is paid with the gold multiplier', () => {
    const quote = quoteCheckout(programme, cart, aMemberContext({ tierCode: 'gold' }), THURSDAY);
    expect(quote).toMatchObject({
      tierDiscountFen: 300_000,
      memberDayDiscountFen: 0,
      payableFen: 899_998,
      memberDay: false,
    });
    // 8,999.98 yuan → 899 base points; 1.5x → +449 (per line, rounded down).
    expect(quote.points).toMatchObject({ basePoints: 899, totalPoints: 899 + 449 });
  });

  it('on the member day: the member-day discount on what the tier discount left, rounded down per line', () => {
    const quote = quoteCheckout(
      programme,
      cart,
      aMemberContext({ tierCode: 'vip' }),
      new Date('2026-03-08T02:00:00Z'),
    );
    expect(quote.lines[0]).toMatchObject({
      tierDiscountFen: 200_000,
      memberDayDiscountFen: 40_000,
      payableFen: 760_000,
    });
    expect(quote.lines[1]).toMatchObject({
      tierDiscountFen: 0,
      memberDayDiscountFen: 0,
      payableFen: 199_998,
    });
  });
});
