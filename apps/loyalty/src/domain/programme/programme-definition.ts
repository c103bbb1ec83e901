import { Closed, DateOnly, Identifier, Integer, MAX_MONEY_FEN, Text } from '@laoke/platform';
import { Type, type Static } from 'typebox';

/**
 * What head office publishes for a brand (R3, R4): the earn rate, tiers, points policy and
 * promotions, as data. Bounds here are the ones a request is validated against; the rules
 * between fields (tiers in order, known promotion ids …) are checked by `definitionProblems`.
 */

const MAX_POINTS = 10_000_000;
const BasisPoints = (maximum: number, description: string, minimum = 0) =>
  Integer({ minimum, maximum, description });
/** A day of the year that recurs every year, e.g. `11-01` (a season's edge). */
const MonthDay = () =>
  Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', maxLength: 5 });

export const TierDefinition = Closed({
  code: Identifier({ maxLength: 32 }),
  name: Text({ maxLength: 60 }),
  threshold: Integer({
    minimum: 0,
    maximum: MAX_MONEY_FEN,
    description: 'Entry threshold: fen spent, or purchases made, within the qualification window',
  }),
  discountBp: BasisPoints(10_000, 'Discount on non-sale items, in basis points (2000 = 20% off)'),
  pointsMultiplierBp: BasisPoints(100_000, 'Points multiplier (15000 = 1.5x base points)', 10_000),
  benefits: Type.Array(Text({ maxLength: 120 }), { maxItems: 20 }),
});
export type TierDefinition = Static<typeof TierDefinition>;

export const PromotionConditions = Closed({
  weekdays: Type.Optional(
    Type.Array(Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
  ),
  /** Recurring seasons (month-day to month-day, wrapping over the new year when `from` > `to`). */
  seasons: Type.Optional(
    Type.Array(Closed({ from: MonthDay(), to: MonthDay() }), { minItems: 1, maxItems: 12 }),
  ),
  birthday: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('month')])),
  memberDay: Type.Optional(Type.Literal(true)),
  firstPayingMembers: Type.Optional(Integer({ minimum: 1, maximum: 10_000 })),
  tiers: Type.Optional(Type.Array(Identifier({ maxLength: 32 }), { minItems: 1, maxItems: 10 })),
  stores: Type.Optional(Type.Array(Identifier(), { minItems: 1, maxItems: 1_000 })),
  regions: Type.Optional(Type.Array(Identifier(), { minItems: 1, maxItems: 100 })),
  categories: Type.Optional(Type.Array(Identifier(), { minItems: 1, maxItems: 100 })),
  /** On-sale items earn no promotion unless a promotion says so (R4: "non-sale"). */
  includeOnSale: Type.Optional(Type.Boolean()),
});
export type PromotionConditions = Static<typeof PromotionConditions>;

export const PromotionEffect = Type.Union([
  Closed({
    kind: Type.Literal('multiplier'),
    factorBp: BasisPoints(100_000, 'Total factor on base points (20000 = double)', 10_001),
  }),
  Closed({ kind: Type.Literal('bonus'), points: Integer({ minimum: 1, maximum: MAX_POINTS }) }),
  Closed({
    kind: Type.Literal('fixed'),
    pointsPerItem: Integer({ minimum: 1, maximum: MAX_POINTS }),
  }),
]);
export type PromotionEffect = Static<typeof PromotionEffect>;

export const PromotionDefinition = Closed({
  id: Identifier({ maxLength: 48 }),
  name: Text({ maxLength: 120 }),
  validFrom: Type.Optional(DateOnly({ description: 'First local day the promotion runs' })),
  validTo: Type.Optional(DateOnly({ description: 'Last local day the promotion runs' })),
  /** A non-stackable promotion competes with the others instead of adding to them. */
  stackable: Type.Boolean(),
  conditions: PromotionConditions,
  effect: PromotionEffect,
  limits: Type.Optional(
    Closed({
      perMemberPerDay: Type.Optional(Integer({ minimum: 1, maximum: MAX_POINTS })),
      perMemberPerMonth: Type.Optional(Integer({ minimum: 1, maximum: MAX_POINTS })),
      budget: Type.Optional(Integer({ minimum: 1, maximum: 1_000_000_000 })),
    }),
  ),
});
export type PromotionDefinition = Static<typeof PromotionDefinition>;

const MemberDay = Closed({
  dayOfMonth: Integer({ minimum: 1, maximum: 28 }),
  discountBp: BasisPoints(5_000, 'Extra discount on the member day, after the tier discount'),
});

export const StoreOverride = Closed({
  storeId: Identifier(),
  fenPerPoint: Type.Optional(Integer({ minimum: 1, maximum: 10_000_000 })),
  memberDay: Type.Optional(MemberDay),
});
export type StoreOverride = Static<typeof StoreOverride>;

export const ProgrammeDefinition = Closed(
  {
    timeZone: Text({ maxLength: 64, description: 'IANA zone every calendar rule is read in' }),
    earn: Closed({
      fenPerPoint: Integer({
        minimum: 1,
        maximum: 10_000_000,
        description: 'Fen paid per base point; points are rounded down per receipt',
      }),
    }),
    qualification: Closed({
      metric: Type.Union([Type.Literal('spend'), Type.Literal('purchases')]),
      window: Type.Union([
        Type.Literal('rolling-12-months'),
        Type.Literal('calendar-year'),
        Type.Literal('membership-year'),
      ]),
      downgradeGraceDays: Integer({ minimum: 0, maximum: 365 }),
    }),
    tiers: Type.Array(TierDefinition, { maxItems: 10 }),
    memberDay: Type.Optional(MemberDay),
    points: Closed({
      expiry: Type.Union([
        Type.Literal('never'),
        Type.Literal('end-of-year-after-earning'),
        Type.Literal('months-after-earning'),
      ]),
      expiryMonths: Type.Optional(Integer({ minimum: 1, maximum: 120 })),
      pendingDays: Integer({ minimum: 0, maximum: 90 }),
    }),
    stacking: Type.Union([Type.Literal('combine'), Type.Literal('best-only')]),
    promotions: Type.Array(PromotionDefinition, { maxItems: 50 }),
    regions: Type.Array(
      Closed({
        regionId: Identifier(),
        storeIds: Type.Array(Identifier(), { minItems: 1, maxItems: 1_000 }),
      }),
      { maxItems: 100 },
    ),
    allowStoreOverrides: Type.Array(
      Type.Union([Type.Literal('fenPerPoint'), Type.Literal('memberDay')]),
      { maxItems: 2 },
    ),
    storeOverrides: Type.Array(StoreOverride, { maxItems: 1_000 }),
    /** R4 gifts a member claims once: after a purchase on their birthday, and each quarter. */
    gifts: Type.Optional(Closed({ birthdayPurchase: Type.Boolean(), quarterly: Type.Boolean() })),
    /** R7: points for the referrer when a member they referred joins; none when absent. */
    referral: Type.Optional(
      Closed({ referrerPoints: Integer({ minimum: 1, maximum: MAX_POINTS }) }),
    ),
  },
  { $id: 'ProgrammeDefinition' },
);
export type ProgrammeDefinition = Static<typeof ProgrammeDefinition>;

/** A published version, or the built-in default (version 0) of a brand that published none. */
export interface Programme {
  version: number;
  effectiveFrom: Date;
  publishedAt?: Date;
  definition: ProgrammeDefinition;
}
