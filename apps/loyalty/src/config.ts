import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';

export const LoyaltyConfigProperties = {
  ...BaseConfigProperties,
  MEMBERS_URL: Type.String({
    minLength: 1,
    description: 'members service, asked when a member is not yet in the local projection',
  }),
  PURCHASE_MAX_AGE_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 60,
    description: 'oldest purchasedAt accepted, in days before now; older is a 422',
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
