import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';

export const MembersConfigProperties = {
  ...BaseConfigProperties,
  PII_ENCRYPTION_KEY: Type.String({ minLength: 40 }),
};

export type MembersConfig = Static<ReturnType<typeof Type.Object<typeof MembersConfigProperties>>>;

export const loadMembersConfig = (env = process.env): MembersConfig =>
  loadConfig(MembersConfigProperties, env);
