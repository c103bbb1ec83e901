import type { BrandClock, Database, ScheduledJob } from '@laoke/platform';
import { dispatchDueSurveys } from '../domain/satisfaction/dispatch-due-surveys.use-case';
import { escalateOverdueCases } from '../domain/satisfaction/escalate-overdue-cases.use-case';

const BATCH_SIZE = 100;

/** R8: requests due surveys and escalates cases past their deadline, as often as `pollMs`. */
export const satisfactionJobs = (deps: {
  db: Database;
  clock: BrandClock;
  pollMs: number;
}): ScheduledJob[] => [
  {
    name: 'survey-dispatch',
    intervalMs: deps.pollMs,
    batchSize: BATCH_SIZE,
    run: () => dispatchDueSurveys(deps, BATCH_SIZE),
  },
  {
    name: 'case-escalation',
    intervalMs: deps.pollMs,
    batchSize: BATCH_SIZE,
    run: () => escalateOverdueCases(deps, BATCH_SIZE),
  },
];
