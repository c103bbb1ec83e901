import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';
import { SEASON_STARTS } from './domain/greetings/greeting-calendar';
import { DEFAULT_GREETING_HOLIDAYS } from './domain/greetings/greeting-policy';

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
  SURVEY_DELAY_HOURS: Type.Integer({
    minimum: 0,
    maximum: 24 * 30,
    default: 24,
    description: 'how long after a purchase its satisfaction survey is requested (R8)',
  }),
  SURVEY_LOW_SCORE: Type.Integer({
    minimum: 1,
    maximum: 4,
    default: 2,
    description: 'a survey score at or below this opens a complaint case',
  }),
  CASE_DEADLINE_HOURS: Type.Integer({
    minimum: 1,
    maximum: 24 * 14,
    default: 24,
    description: 'time the store manager has to resolve a case before it escalates',
  }),
  LAPSE_AT_RISK_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 180,
    description: 'days without a purchase after which a member is at risk (R9)',
  }),
  LAPSE_CHURNED_DAYS: Type.Integer({
    minimum: 2,
    maximum: 3650,
    default: 365,
    description: 'days without a purchase after which a member counts as churned (R9)',
  }),
  WIN_BACK_HOLDOUT_PERCENT: Type.Integer({
    minimum: 0,
    maximum: 100,
    default: 10,
    description: 'share of win-back journeys held out (never touched) to measure the lift',
  }),
  WIN_BACK_ATTRIBUTION_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  LAPSE_SCAN_POLL_MS: Type.Integer({ minimum: 50, default: 60_000 }),
  TOP_MEMBERS_PER_REGION: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 10,
    description: "how many of a region's highest spenders become the year's top members (R10)",
  }),
  TOP_MEMBERS_SELECT_ON: Type.String({
    pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
    default: '01-05',
    description: "local MM-DD on which last year's top members get appreciation-visit tasks",
  }),
  TOP_MEMBERS_POLL_MS: Type.Integer({ minimum: 50, default: 3_600_000 }),
  REFERRAL_FOLLOW_UP_DAYS: Type.Integer({
    minimum: 1,
    maximum: 7,
    default: 3,
    description: "days after a referred member's first purchase the follow-up call is due (R7)",
  }),
  CONTACT_PLAN_CONTACTS_PER_YEAR: Type.Integer({
    minimum: 1,
    maximum: 52,
    default: 3,
    description: "contacts in the store's name each member gets in a membership year, at least",
  }),
  CONTACT_PLAN_POLL_MS: Type.Integer({ minimum: 50, default: 600_000 }),
  SATISFACTION_POLL_MS: Type.Integer({ minimum: 50, default: 1000 }),
  GREETING_POLL_MS: Type.Integer({ minimum: 50, default: 60_000 }),
  GREETING_HOLIDAYS: Type.String({
    default: DEFAULT_GREETING_HOLIDAYS.join(','),
    description: 'holidays greeted (R5), comma-separated names as the lunar calendar gives them',
  }),
  GREETING_SEASON_TERMS: Type.String({
    default: SEASON_STARTS.join(','),
    description: 'solar terms that bring a season-change care reminder (R5), comma-separated',
  }),
  BROADCAST_RATE_PER_SECOND: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 200,
    description: "messages a brand's broadcasts may request per second",
  }),
  BROADCAST_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }),
  BROADCAST_POLL_MS: Type.Integer({ minimum: 50, default: 1000 }),
  RFM_RECENCY_DAYS: Type.String({
    default: '365,180,90,30',
    description: 'days since the last purchase at most for recency scores 2,3,4,5',
  }),
  RFM_FREQUENCY: Type.String({
    default: '2,3,5,8',
    description: 'purchases at least for frequency scores 2,3,4,5',
  }),
  RFM_MONETARY_FEN: Type.String({
    default: '100000,500000,2000000,5000000',
    description: 'spend net of returns (fen) at least for monetary scores 2,3,4,5',
  }),
};

export type CampaignsConfig = Static<
  ReturnType<typeof Type.Object<typeof CampaignsConfigProperties>>
>;

export const loadCampaignsConfig = (env = process.env): CampaignsConfig =>
  loadConfig(CampaignsConfigProperties, env);
