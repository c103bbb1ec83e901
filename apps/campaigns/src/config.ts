import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';

export const CampaignsConfigProperties = {
  ...BaseConfigProperties,
  MEMBERS_URL: Type.String({
    minLength: 1,
    description: 'members service, asked whether a member without follow-ups exists',
  }),
  BRAND_TIME_ZONE: Type.String({
    default: 'Asia/Shanghai',
    description: 'IANA zone schedules are evaluated in',
  }),
  FOLLOW_UP_POLL_MS: Type.Integer({ minimum: 50, default: 500 }),
  FOLLOW_UP_LATE_GRACE_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 24 * 60,
    default: 360,
    description: 'how long after a later cadence step fell due a late purchase may still get it',
  }),
};

export type CampaignsConfig = Static<
  ReturnType<typeof Type.Object<typeof CampaignsConfigProperties>>
>;

export const loadCampaignsConfig = (env = process.env): CampaignsConfig =>
  loadConfig(CampaignsConfigProperties, env);
