import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';

export const CampaignsConfigProperties = {
  ...BaseConfigProperties,
  BRAND_TIME_ZONE: Type.String({
    default: 'Asia/Shanghai',
    description: 'IANA zone schedules are evaluated in',
  }),
  FOLLOW_UP_POLL_MS: Type.Integer({ minimum: 50, default: 500 }),
};

export type CampaignsConfig = Static<
  ReturnType<typeof Type.Object<typeof CampaignsConfigProperties>>
>;

export const loadCampaignsConfig = (env = process.env): CampaignsConfig =>
  loadConfig(CampaignsConfigProperties, env);
