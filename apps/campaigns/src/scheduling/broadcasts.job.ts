import type { ScheduledJob } from '@laoke/platform';
import {
  fanOutBroadcasts,
  type FanOutDeps,
} from '../domain/broadcasts/fan-out-broadcasts.use-case';

/** Broadcasts due by their brand's clock, fanned out in throttled batches. */
export const broadcastsJob = (deps: FanOutDeps & { pollMs: number }): ScheduledJob => ({
  name: 'broadcast-fan-out',
  intervalMs: deps.pollMs,
  batchSize: deps.policy.batchSize,
  run: () => fanOutBroadcasts(deps),
});
