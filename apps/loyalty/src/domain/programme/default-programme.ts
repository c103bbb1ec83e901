import type { Programme, ProgrammeDefinition } from './programme-definition';

/**
 * The built-in programme of a brand that published none: R4's example rate of 1 point per
 * 10 yuan, no tiers and no promotions, so a brand's points do not change until head office
 * publishes a programme of its own.
 */
export const DEFAULT_DEFINITION: ProgrammeDefinition = {
  timeZone: 'Asia/Shanghai',
  earn: { fenPerPoint: 1_000 },
  qualification: { metric: 'spend', window: 'rolling-12-months', downgradeGraceDays: 0 },
  tiers: [],
  points: { expiry: 'never', pendingDays: 0 },
  stacking: 'combine',
  promotions: [],
  regions: [],
  allowStoreOverrides: [],
  storeOverrides: [],
};

export const DEFAULT_PROGRAMME: Programme = {
  version: 0,
  effectiveFrom: new Date(0),
  definition: DEFAULT_DEFINITION,
};
