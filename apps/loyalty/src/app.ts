import {
  buildService,
  systemClock,
  type ServiceDefinition,
  type ServiceDeps,
} from '@laoke/platform';
import { loyaltyMigrations } from '../migrations';
import { createMembersClient, type MembersClient } from './clients/members.client';
import type { LoyaltyConfig } from './config';
import { tierReviewJob } from './domain/programme/tier-review';
import { registerPointsRoutes } from './http/points.routes';
import { registerProgrammeRoutes } from './http/programme.routes';
import { registerPurchaseRoutes } from './http/purchases.routes';
import { memberRegisteredConsumer } from './kafka/member-registered.consumer';
import { programmeMembersConsumer } from './kafka/programme-members.consumer';

export interface LoyaltyDeps extends ServiceDeps<LoyaltyConfig> {
  members: MembersClient;
}

export const loyaltyService: ServiceDefinition<LoyaltyDeps> = {
  description:
    'Purchases from POS, points ledger and earn rules (R4). Emits purchase.* and points.* events.',
  tags: [
    { name: 'purchases', description: 'POS sales' },
    { name: 'points', description: 'Points balances' },
    { name: 'programme', description: 'Programme versions, tiers, promotions, checkout quote' },
  ],
  migrations: loyaltyMigrations,
  routes(app, { db, members, clock, config }) {
    registerPurchaseRoutes(app, {
      db,
      members,
      clock,
      maxPurchaseAgeDays: config.PURCHASE_MAX_AGE_DAYS,
    });
    registerPointsRoutes(app, { db, members });
    registerProgrammeRoutes(app, { db, members, clock });
  },
  consumers: () => [memberRegisteredConsumer, programmeMembersConsumer],
  jobs: ({ db, clock, config }) => [
    tierReviewJob({ db, clock, intervalMs: config.TIER_REVIEW_POLL_MS }),
  ],
};

/** The real dependencies for a config; a test replaces any of them. */
export const productionDeps = (config: LoyaltyConfig): LoyaltyDeps => ({
  config,
  clock: systemClock,
  members: createMembersClient(config.MEMBERS_URL),
});

export const buildApp = (deps: LoyaltyDeps) => buildService(loyaltyService, deps);

/** The service's settings from the environment, validated, with their defaults. */
export { loadLoyaltyConfig as loadConfig } from './config';
