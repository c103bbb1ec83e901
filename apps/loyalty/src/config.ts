import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';

export const LoyaltyConfigProperties = {
  ...BaseConfigProperties,
  MEMBERS_URL: Type.String({
    minLength: 1,
    description: 'members service, asked when a member is not yet in the local projection',
  }),
};

export type LoyaltyConfig = Static<ReturnType<typeof Type.Object<typeof LoyaltyConfigProperties>>>;

export const loadLoyaltyConfig = (env = process.env): LoyaltyConfig =>
  loadConfig(LoyaltyConfigProperties, env);
