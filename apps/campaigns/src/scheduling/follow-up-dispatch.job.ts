import type { BrandClock, Database, ScheduledJob } from '@laoke/platform';
import { dispatchDueFollowUps } from '../domain/dispatch-due-follow-ups.use-case';

const BATCH_SIZE = 100;

/** Sends the follow-up steps that have come due (R6), as often as FOLLOW_UP_POLL_MS. */
export const followUpDispatchJob = (deps: {
  db: Database;
  clock: BrandClock;
  pollMs: number;
}): ScheduledJob => ({
  name: 'follow-up-dispatch',
  intervalMs: deps.pollMs,
  batchSize: BATCH_SIZE,
  run: () => dispatchDueFollowUps(deps.db, deps.clock, BATCH_SIZE),
});
