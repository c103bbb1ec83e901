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
import type { ContactPlanPolicy } from './domain/contact-plan/contact-plan-policy';
import type { GreetingPolicy } from './domain/greetings/greeting-policy';
import type { BroadcastPolicy } from './domain/broadcasts/broadcast-policy';
import type { LapsePolicy } from './domain/lapse/lapse-policy';
import { thresholdsOf, type RfmPolicy } from './domain/segments/rfm-policy';
import type { SatisfactionPolicy } from './domain/satisfaction/satisfaction-policy';
import type { TopMembersPolicy } from './domain/top-members/top-members-policy';
import { registerContactPlanRoutes } from './http/contact-plan.routes';
import { registerBroadcastRoutes } from './http/broadcasts.routes';
import { registerCadenceRoutes } from './http/cadence.routes';
import { registerFollowUpRoutes } from './http/follow-ups.routes';
import { registerLapseRoutes } from './http/lapse.routes';
import { registerRetentionKpiRoutes } from './http/retention-kpis.routes';
import { registerSatisfactionRoutes } from './http/satisfaction.routes';
import { registerSegmentRoutes } from './http/segments.routes';
import { registerStaffTaskRoutes } from './http/staff-tasks.routes';
import { registerTopMembersRoutes } from './http/top-members.routes';
import { contactPlanMembersConsumer } from './kafka/contact-plan-members.consumer';
import { associateReassignedConsumer } from './kafka/associate-reassigned.consumer';
import { cadenceMembersConsumer } from './kafka/cadence-members.consumer';
import { greetingMembersConsumer } from './kafka/greeting-members.consumer';
import { memberProfilesConsumer } from './kafka/member-profiles.consumer';
import { memberSpendConsumer } from './kafka/member-spend.consumer';
import { memberErasureConsumer } from './kafka/member-erasure.consumer';
import { purchaseActivityConsumer } from './kafka/purchase-activity.consumer';
import { purchaseRecordedConsumer } from './kafka/purchase-recorded.consumer';
import { purchaseSurveyConsumer } from './kafka/purchase-survey.consumer';
import { referralsConsumer } from './kafka/referrals.consumer';
import { notificationStaffTasksConsumer } from './kafka/notification-staff-tasks.consumer';
import { contactPlanJob } from './scheduling/contact-plan.job';
import { broadcastsJob } from './scheduling/broadcasts.job';
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

const contactPlanPolicy = (config: CampaignsConfig): ContactPlanPolicy => ({
  contactsPerYear: config.CONTACT_PLAN_CONTACTS_PER_YEAR,
  timeZone: config.BRAND_TIME_ZONE,
});

const rfmPolicy = (config: CampaignsConfig): RfmPolicy => ({
  recencyDays: thresholdsOf(config.RFM_RECENCY_DAYS, 'descending'),
  frequency: thresholdsOf(config.RFM_FREQUENCY, 'ascending'),
  monetaryFen: thresholdsOf(config.RFM_MONETARY_FEN, 'ascending'),
});

const broadcastPolicy = (config: CampaignsConfig): BroadcastPolicy => ({
  timeZone: config.BRAND_TIME_ZONE,
  rfm: rfmPolicy(config),
  ratePerSecond: config.BROADCAST_RATE_PER_SECOND,
  batchSize: config.BROADCAST_BATCH_SIZE,
});

export interface CampaignsDeps extends ServiceDeps<CampaignsConfig> {
  members: ServiceClient;
}

export const campaignsService: ServiceDefinition<CampaignsDeps> = {
  description: 'Follow-up cadences and care messages (R5, R6). Emits notification.requested.',
  tags: [
    {
      name: 'follow-ups',
      description:
        "The brand's versioned follow-up cadence (0-3-3-3 by default) and its steps per purchase",
    },
    { name: 'staff-tasks', description: "Calls and visits on a store's list, and their outcomes" },
    { name: 'satisfaction', description: 'Purchase surveys, complaint cases and scores (R8)' },
    { name: 'win-back', description: 'Lapsed members, churn reasons and win-back results (R9)' },
    { name: 'top-members', description: "Each region's top spenders of the year (R10)" },
    {
      name: 'retention-kpis',
      description: 'Repurchase, lapse, satisfaction, follow-up and win-back figures (R12)',
    },
    { name: 'segments', description: 'Members selected by criteria (tier, store, RFM …)' },
    { name: 'broadcasts', description: 'A message to a segment, fanned out in throttled batches' },
  ],
  migrations: campaignsMigrations,
  routes(app, { db, members, clock, config }) {
    registerFollowUpRoutes(app, { db, members });
    registerCadenceRoutes(app, { db, clock });
    registerStaffTaskRoutes(app, { db, clock, timeZone: config.BRAND_TIME_ZONE });
    registerSatisfactionRoutes(app, {
      db,
      clock,
      policy: satisfactionPolicy(config),
      timeZone: config.BRAND_TIME_ZONE,
    });
    registerLapseRoutes(app, { db, clock, members, timeZone: config.BRAND_TIME_ZONE });
    registerTopMembersRoutes(app, { db, clock, policy: topMembersPolicy(config) });
    registerContactPlanRoutes(app, { db, clock, policy: contactPlanPolicy(config) });
    registerRetentionKpiRoutes(app, {
      db,
      clock,
      lapsePolicy: lapsePolicy(config),
      timeZone: config.BRAND_TIME_ZONE,
    });
    registerSegmentRoutes(app, { db, clock, policy: broadcastPolicy(config) });
    registerBroadcastRoutes(app, { db, clock, timeZone: config.BRAND_TIME_ZONE });
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
    memberProfilesConsumer(),
    associateReassignedConsumer({ clock }),
    cadenceMembersConsumer(),
    memberErasureConsumer,
    notificationStaffTasksConsumer({ clock }),
    contactPlanMembersConsumer,
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
    contactPlanJob({
      db,
      clock,
      policy: contactPlanPolicy(config),
      pollMs: config.CONTACT_PLAN_POLL_MS,
    }),
    broadcastsJob({ db, clock, policy: broadcastPolicy(config), pollMs: config.BROADCAST_POLL_MS }),
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
