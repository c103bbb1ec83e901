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
import { registerFollowUpRoutes } from './http/follow-ups.routes';
import { purchaseRecordedConsumer } from './kafka/purchase-recorded.consumer';
import { followUpDispatchJob } from './scheduling/follow-up-dispatch.job';

export interface CampaignsDeps extends ServiceDeps<CampaignsConfig> {
  members: ServiceClient;
}

export const campaignsService: ServiceDefinition<CampaignsDeps> = {
  description: 'Follow-up cadences and care messages (R5, R6). Emits notification.requested.',
  tags: [{ name: 'follow-ups', description: 'The 0-3-3-3 cadence per purchase' }],
  migrations: campaignsMigrations,
  routes(app, { db, members }) {
    registerFollowUpRoutes(app, { db, members });
  },
  consumers: ({ config, clock }) => [
    purchaseRecordedConsumer({
      clock,
      policy: {
        timeZone: config.BRAND_TIME_ZONE,
        lateGraceMs: config.FOLLOW_UP_LATE_GRACE_MINUTES * 60_000,
      },
    }),
  ],
  jobs: ({ db, config, clock }) => [
    followUpDispatchJob({ db, clock, pollMs: config.FOLLOW_UP_POLL_MS }),
  ],
};

/** The real dependencies for a config; a test replaces any of them. */
export const productionDeps = (config: CampaignsConfig): CampaignsDeps => ({
  config,
  clock: systemClock,
  members: createServiceClient({ service: 'members', baseUrl: config.MEMBERS_URL }),
});

export const buildApp = (deps: CampaignsDeps) => buildService(campaignsService, deps);

/** The service's settings from the environment, validated, with their defaults. */
export { loadCampaignsConfig as loadConfig } from './config';
