import {
  buildService,
  createServiceClient,
  systemClock,
  type ServiceClient,
  type ServiceDefinition,
  type ServiceDeps,
} from '@laoke/platform';
import { campaignsMigrations } from '../migrations';
import type { CampaignsConfig } from './config';
import type { GreetingPolicy } from './domain/greetings/greeting-policy';
import type { LapsePolicy } from './domain/lapse/lapse-policy';
import type { SatisfactionPolicy } from './domain/satisfaction/satisfaction-policy';
import type { TopMembersPolicy } from './domain/top-members/top-members-policy';
import { registerFollowUpRoutes } from './http/follow-ups.routes';
import { registerLapseRoutes } from './http/lapse.routes';
import { registerSatisfactionRoutes } from './http/satisfaction.routes';
import { registerStaffTaskRoutes } from './http/staff-tasks.routes';
import { registerTopMembersRoutes } from './http/top-members.routes';
import { associateReassignedConsumer } from './kafka/associate-reassigned.consumer';
import { greetingMembersConsumer } from './kafka/greeting-members.consumer';
import { memberSpendConsumer } from './kafka/member-spend.consumer';
import { memberErasureConsumer } from './kafka/member-erasure.consumer';
import { purchaseActivityConsumer } from './kafka/purchase-activity.consumer';
import { purchaseRecordedConsumer } from './kafka/purchase-recorded.consumer';
import { purchaseSurveyConsumer } from './kafka/purchase-survey.consumer';
import { referralsConsumer } from './kafka/referrals.consumer';
import { notificationStaffTasksConsumer } from './kafka/notification-staff-tasks.consumer';
import { followUpDispatchJob } from './scheduling/follow-up-dispatch.job';
import { greetingJobs } from './scheduling/greetings.jobs';
import { lapseJobs } from './scheduling/lapse.jobs';
import { satisfactionJobs } from './scheduling/satisfaction.jobs';
import { topMembersJob } from './scheduling/top-members.job';

const HOUR_MS = 3_600_000;

const satisfactionPolicy = (config: CampaignsConfig): SatisfactionPolicy => ({
  surveyDelayMs: config.SURVEY_DELAY_HOURS * HOUR_MS,
  lowScore: config.SURVEY_LOW_SCORE,
  caseDeadlineMs: config.CASE_DEADLINE_HOURS * HOUR_MS,
});

const lapsePolicy = (config: CampaignsConfig): LapsePolicy => ({
  atRiskAfterDays: config.LAPSE_AT_RISK_DAYS,
  churnedAfterDays: config.LAPSE_CHURNED_DAYS,
  holdoutPercent: config.WIN_BACK_HOLDOUT_PERCENT,
  attributionDays: config.WIN_BACK_ATTRIBUTION_DAYS,
});

const names = (list: string) =>
  list
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);

const greetingPolicy = (config: CampaignsConfig): GreetingPolicy => ({
  timeZone: config.BRAND_TIME_ZONE,
  holidays: names(config.GREETING_HOLIDAYS),
  seasonTerms: names(config.GREETING_SEASON_TERMS),
});

const topMembersPolicy = (config: CampaignsConfig): TopMembersPolicy => ({
  timeZone: config.BRAND_TIME_ZONE,
  perRegion: config.TOP_MEMBERS_PER_REGION,
  selectOn: config.TOP_MEMBERS_SELECT_ON,
});

export interface CampaignsDeps extends ServiceDeps<CampaignsConfig> {
  members: ServiceClient;
}

export const campaignsService: ServiceDefinition<CampaignsDeps> = {
  description: 'Follow-up cadences and care messages (R5, R6). Emits notification.requested.',
  tags: [
    { name: 'follow-ups', description: 'The 0-3-3-3 cadence per purchase' },
    { name: 'staff-tasks', description: "Calls and visits on a store's list, and their outcomes" },
    { name: 'satisfaction', description: 'Purchase surveys, complaint cases and scores (R8)' },
    { name: 'win-back', description: 'Lapsed members, churn reasons and win-back results (R9)' },
    { name: 'top-members', description: "Each region's top spenders of the year (R10)" },
  ],
  migrations: campaignsMigrations,
  routes(app, { db, members, clock, config }) {
    registerFollowUpRoutes(app, { db, members });
    registerStaffTaskRoutes(app, { db, clock, timeZone: config.BRAND_TIME_ZONE });
    registerSatisfactionRoutes(app, {
      db,
      clock,
      policy: satisfactionPolicy(config),
      timeZone: config.BRAND_TIME_ZONE,
    });
    registerLapseRoutes(app, { db, clock, members, timeZone: config.BRAND_TIME_ZONE });
    registerTopMembersRoutes(app, { db, clock, policy: topMembersPolicy(config) });
  },
  consumers: ({ config, clock }) => [
    purchaseRecordedConsumer({
      clock,
      policy: {
        timeZone: config.BRAND_TIME_ZONE,
        lateGraceMs: config.FOLLOW_UP_LATE_GRACE_MINUTES * 60_000,
      },
    }),
    purchaseActivityConsumer({ clock, policy: lapsePolicy(config) }),
    purchaseSurveyConsumer({ surveyDelayMs: config.SURVEY_DELAY_HOURS * HOUR_MS }),
    greetingMembersConsumer({ clock, policy: greetingPolicy(config) }),
    referralsConsumer({
      clock,
      policy: { timeZone: config.BRAND_TIME_ZONE, followUpDays: config.REFERRAL_FOLLOW_UP_DAYS },
    }),
    memberSpendConsumer(),
    associateReassignedConsumer({ clock }),
    memberErasureConsumer,
    notificationStaffTasksConsumer({ clock }),
  ],
  jobs: ({ db, config, clock }) => [
    followUpDispatchJob({ db, clock, pollMs: config.FOLLOW_UP_POLL_MS }),
    ...lapseJobs({ db, clock, policy: lapsePolicy(config), pollMs: config.LAPSE_SCAN_POLL_MS }),
    ...satisfactionJobs({ db, clock, pollMs: config.SATISFACTION_POLL_MS }),
    ...greetingJobs({ db, clock, policy: greetingPolicy(config), pollMs: config.GREETING_POLL_MS }),
    topMembersJob({
      db,
      clock,
      policy: topMembersPolicy(config),
      pollMs: config.TOP_MEMBERS_POLL_MS,
    }),
  ],
};

/** The real dependencies for a config; a test replaces any of them. */
export const productionDeps = (config: CampaignsConfig): CampaignsDeps => ({
  config,
  clock: systemClock,
  members: createServiceClient({
    service: 'members',
    baseUrl: config.MEMBERS_URL,
    caller: { service: config.SERVICE_NAME, internalTokenSecret: config.INTERNAL_TOKEN_SECRET },
  }),
});

export const buildApp = (deps: CampaignsDeps) => buildService(campaignsService, deps);

/** The service's settings from the environment, validated, with their defaults. */
export { loadCampaignsConfig as loadConfig } from './config';
