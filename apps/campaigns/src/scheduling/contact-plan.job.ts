import type { ScheduledJob } from '@laoke/platform';
import {
  planContactCalls,
  type ContactPlanDeps,
} from '../domain/contact-plan/plan-contact-calls.use-case';

const BATCH_SIZE = 200;

/** Issue 9 item 6: looks as often as `pollMs` for members the brand's day has not yet checked. */
export const contactPlanJob = (deps: ContactPlanDeps & { pollMs: number }): ScheduledJob => ({
  name: 'contact-plan',
  intervalMs: deps.pollMs,
  batchSize: BATCH_SIZE,
  run: () => planContactCalls(deps, BATCH_SIZE),
});
