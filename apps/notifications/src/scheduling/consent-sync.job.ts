import type { ScheduledJob } from '@laoke/platform';
import { syncPendingConsents, type InboundDeps } from '../domain/inbound-opt-out.use-case';

const BATCH_SIZE = 50;

/** Offers members the opt-outs it could not take when they were heard (members down). */
export const consentSyncJob = (deps: InboundDeps, intervalMs: number): ScheduledJob => ({
  name: 'consent-sync',
  intervalMs,
  batchSize: BATCH_SIZE,
  run: () => syncPendingConsents(deps, BATCH_SIZE),
});
