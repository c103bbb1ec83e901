import { DEFAULT_DEFINITION } from '../src/domain/programme/default-programme';
import type { MemberEarnContext } from '../src/domain/programme/earn';
import type {
  Programme,
  ProgrammeDefinition,
  PromotionDefinition,
} from '../src/domain/programme/programme-definition';

export const aProgramme = (
  overrides: Partial<ProgrammeDefinition> = {},
  version = 1,
): Programme => ({
  version,
  effectiveFrom: new Date('2026-01-01T00:00:00Z'),
  definition: { ...DEFAULT_DEFINITION, ...overrides },
});

export const aPromotion = (overrides: Partial<PromotionDefinition> = {}): PromotionDefinition => ({
  id: 'double',
  name: 'Double points',
  stackable: true,
  conditions: {},
  effect: { kind: 'multiplier', factorBp: 20_000 },
  ...overrides,
});

export const aMemberContext = (overrides: Partial<MemberEarnContext> = {}): MemberEarnContext => ({
  tierCode: null,
  birthday: null,
  storeDayRank: null,
  usage: {},
  ...overrides,
});

export const aTier = (
  code: string,
  threshold: number,
  pointsMultiplierBp = 10_000,
  discountBp = 0,
) => ({
  code,
  name: code.toUpperCase(),
  threshold,
  discountBp,
  pointsMultiplierBp,
  benefits: [],
});

/** 2026-03-04 is a Wednesday; 10:00 in Shanghai. */
export const OFF_SEASON_WEDNESDAY = new Date('2026-03-04T02:00:00Z');
export const THURSDAY = new Date('2026-03-05T02:00:00Z');
