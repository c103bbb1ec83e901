import type { ProgrammeDefinition } from './programme-definition';

/**
 * R3 and R4's examples as a programme head office can publish as it is or edit first. It is
 * not active for any brand until published: a brand that never publishes keeps the built-in
 * default (1 point per 10 yuan, no tiers, no promotions).
 */
export const SEED_PROGRAMME_TEMPLATE: ProgrammeDefinition = {
  timeZone: 'Asia/Shanghai',
  earn: { fenPerPoint: 1_000 },
  qualification: { metric: 'spend', window: 'calendar-year', downgradeGraceDays: 30 },
  tiers: [
    {
      code: 'vip',
      name: 'VIP',
      threshold: 0,
      discountBp: 2_000,
      pointsMultiplierBp: 10_000,
      benefits: ['birthday gift', 'free cleaning every 3 months'],
    },
    {
      code: 'gold',
      name: 'Gold VIP',
      // The high tier's threshold is deliberately high (R3): 50,000 yuan in the year.
      threshold: 5_000_000,
      discountBp: 3_000,
      pointsMultiplierBp: 15_000,
      benefits: ['birthday gift', 'free cleaning every 3 months', 'member salon invitations'],
    },
  ],
  memberDay: { dayOfMonth: 8, discountBp: 500 },
  points: { expiry: 'end-of-year-after-earning', pendingDays: 7 },
  stacking: 'combine',
  promotions: [
    {
      id: 'off-season-wednesday-double',
      name: 'Double points on off-season Wednesdays',
      stackable: true,
      conditions: {
        weekdays: [3],
        seasons: [
          { from: '03-01', to: '04-20' },
          { from: '06-01', to: '08-31' },
        ],
      },
      effect: { kind: 'multiplier', factorBp: 20_000 },
    },
    {
      id: 'birthday-double',
      name: 'Double points on your birthday',
      stackable: true,
      conditions: { birthday: 'day' },
      effect: { kind: 'multiplier', factorBp: 20_000 },
      limits: { perMemberPerDay: 20_000 },
    },
    {
      id: 'first-ten-of-the-day-double',
      name: 'Double points for the first 10 paying members of the day',
      stackable: true,
      conditions: { firstPayingMembers: 10 },
      effect: { kind: 'multiplier', factorBp: 20_000 },
      limits: { perMemberPerDay: 5_000 },
    },
  ],
  regions: [],
  allowStoreOverrides: [],
  storeOverrides: [],
  gifts: { birthdayPurchase: true, quarterly: true },
  referral: { referrerPoints: 100 },
};
