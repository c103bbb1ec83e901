import type { BrandClock, Database, ScheduledJob } from '@laoke/platform';
import { dispatchWinBackSteps } from '../domain/lapse/dispatch-win-back-steps.use-case';
import type { LapsePolicy } from '../domain/lapse/lapse-policy';
import { scanLapses } from '../domain/lapse/scan-lapses.use-case';

const BATCH_SIZE = 200;

/** R9: the lapse scan and the win-back touches, as often as `pollMs`. */
export const lapseJobs = (deps: {
  db: Database;
  clock: BrandClock;
  policy: LapsePolicy;
  pollMs: number;
}): ScheduledJob[] => [
  {
    name: 'lapse-scan',
    intervalMs: deps.pollMs,
    batchSize: BATCH_SIZE,
    run: () => scanLapses(deps, BATCH_SIZE),
  },
  {
    name: 'win-back-dispatch',
    intervalMs: deps.pollMs,
    batchSize: BATCH_SIZE,
    run: () => dispatchWinBackSteps(deps, BATCH_SIZE),
  },
];
