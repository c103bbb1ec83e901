import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';

export const LoyaltyConfigProperties = {
  ...BaseConfigProperties,
  MEMBERS_URL: Type.String({
    minLength: 1,
    description: 'members service, asked when a member is not yet in the local projection',
  }),
  LOYALTY_LATE_PURCHASE_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 30,
    description:
      'oldest purchasedAt accepted (offline POS sync), in days before now; older is a 422',
  }),
  LOYALTY_POINTS_PENDING_DAYS: Type.Integer({
    minimum: 0,
    maximum: 365,
    default: 0,
    description: 'days before newly earned points can be spent (a return window)',
  }),
  BRAND_TIME_ZONE: Type.String({
    minLength: 1,
    maxLength: 64,
    default: 'Asia/Shanghai',
    description: 'time zone of "end of the year" when points expire',
  }),
  LOYALTY_POINT_VALUE_FEN: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 20,
    description:
      'what one point is worth to the brand, in fen: the liability and settlement reports',
  }),
  REDEMPTION_HOLD_MINUTES: Type.Integer({
    minimum: 1,
    maximum: 1440,
    default: 15,
    description: 'how long a reserved redemption holds its points before it times out',
  }),
  LOYALTY_JOB_INTERVAL_MS: Type.Integer({
    minimum: 10,
    maximum: 3_600_000,
    default: 60_000,
    description: 'pause between ticks of the points-expiry and hold-timeout jobs',
  }),
  TIER_REVIEW_POLL_MS: Type.Integer({
    minimum: 10,
    maximum: 86_400_000,
    default: 60_000,
    description: 'how often the tier review looks for members whose tier period has ended',
  }),
};

export type LoyaltyConfig = Static<ReturnType<typeof Type.Object<typeof LoyaltyConfigProperties>>>;

export const loadLoyaltyConfig = (env = process.env): LoyaltyConfig =>
  loadConfig(LoyaltyConfigProperties, env);
