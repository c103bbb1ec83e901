import type { Database } from '../db/database';
import type { ScheduledJob } from '../scheduling/scheduled-job';
import type { BrandAwareClock } from './brand-aware-clock';

/** Every replica reloads the sandbox clocks, so one that did not apply a change sees it too. */
export const brandClockRefreshJob = (deps: {
  db: Database;
  clock: BrandAwareClock;
  intervalMs: number;
}): ScheduledJob => ({
  name: 'brand-clock-refresh',
  intervalMs: deps.intervalMs,
  run: () => deps.clock.refresh(deps.db),
});
