import {
  buildService,
  systemClock,
  type ServiceDefinition,
  type ServiceDeps,
} from '@laoke/platform';
import { loyaltyMigrations } from '../migrations';
import { createMembersClient, type MembersClient } from './clients/members.client';
import type { LoyaltyConfig } from './config';
import { expirePointsJob } from './domain/expire-points.job';
import { pointsPolicyFor } from './domain/points-policy';
import { releaseTimedOutHolds } from './domain/redemption.use-case';
import { tierReviewJob } from './domain/programme/tier-review';
import { registerLuckyDrawRoutes } from './http/lucky-draws.routes';
import { registerBenefitRoutes } from './http/benefits.routes';
import { registerPointsRoutes } from './http/points.routes';
import { registerProgrammeRoutes } from './http/programme.routes';
import { registerPurchaseRoutes } from './http/purchases.routes';
import { registerReportRoutes } from './http/reports.routes';
import { registerRewardRoutes } from './http/rewards.routes';
import { memberRegisteredConsumer } from './kafka/member-registered.consumer';
import { programmeMembersConsumer } from './kafka/programme-members.consumer';
import { storesConsumer } from './kafka/stores.consumer';
import { referralRewardConsumer } from './kafka/referral-reward.consumer';

export interface LoyaltyDeps extends ServiceDeps<LoyaltyConfig> {
  members: MembersClient;
}

const JOB_BATCH_SIZE = 100;

const pointsPolicyOf = (config: LoyaltyConfig) =>
  pointsPolicyFor({
    pendingDays: config.LOYALTY_POINTS_PENDING_DAYS,
    timeZone: config.BRAND_TIME_ZONE,
  });

export const loyaltyService: ServiceDefinition<LoyaltyDeps> = {
  description:
    'Purchases and returns from POS, points ledger with lots, rewards and redemptions (R4). Emits purchase.* and points.* events.',
  tags: [
    { name: 'purchases', description: 'POS sales and returns' },
    { name: 'points', description: 'Points balances, ledger and adjustments' },
    { name: 'rewards', description: 'Reward catalogue and redemptions' },
    { name: 'programme', description: 'Programme versions, tiers, promotions, checkout quote' },
    { name: 'reports', description: 'Points liability, activity, tiers, franchise settlement' },
    {
      name: 'benefits',
      description: 'Birthday and quarterly gifts, member-day discount: claimed once',
    },
  ],
  migrations: loyaltyMigrations,
  routes(app, { db, members, clock, config }) {
    const pointsPolicy = pointsPolicyOf(config);
    registerPurchaseRoutes(app, {
      db,
      members,
      clock,
      latePurchaseDays: config.LOYALTY_LATE_PURCHASE_DAYS,
      pointsPolicy,
    });
    registerPointsRoutes(app, { db, members, clock, pointsPolicy });
    registerRewardRoutes(app, { db, members, clock, holdMinutes: config.REDEMPTION_HOLD_MINUTES });
    registerProgrammeRoutes(app, { db, members, clock });
    registerBenefitRoutes(app, { db, members, clock });
    registerReportRoutes(app, {
      db,
      clock,
      pointValueFen: config.LOYALTY_POINT_VALUE_FEN,
      timeZone: config.BRAND_TIME_ZONE,
    });
    registerLuckyDrawRoutes(app, { db, clock });
  },
  consumers: ({ clock, config }) => [
    memberRegisteredConsumer,
    programmeMembersConsumer,
    storesConsumer,
    referralRewardConsumer({ clock, pointsPolicy: pointsPolicyOf(config) }),
  ],
  jobs: ({ db, clock, config }) => [
    expirePointsJob(
      { db, clock },
      { intervalMs: config.LOYALTY_JOB_INTERVAL_MS, batchSize: JOB_BATCH_SIZE },
    ),
    {
      name: 'loyalty.redemption-hold-timeout',
      intervalMs: config.LOYALTY_JOB_INTERVAL_MS,
      batchSize: JOB_BATCH_SIZE,
      run: () => releaseTimedOutHolds({ db, clock }, JOB_BATCH_SIZE),
    },
    tierReviewJob({ db, clock, intervalMs: config.TIER_REVIEW_POLL_MS }),
  ],
};

/** The real dependencies for a config; a test replaces any of them. */
export const productionDeps = (config: LoyaltyConfig): LoyaltyDeps => ({
  config,
  clock: systemClock,
  members: createMembersClient(config.MEMBERS_URL, {
    service: config.SERVICE_NAME,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
  }),
});

export const buildApp = (deps: LoyaltyDeps) => buildService(loyaltyService, deps);

/** The service's settings from the environment, validated, with their defaults. */
export { loadLoyaltyConfig as loadConfig } from './config';
