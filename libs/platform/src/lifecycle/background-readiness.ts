import type { ReadinessCheck } from '../http/health.routes';
import { OUTBOX_RELAY_JOB } from '../messaging/outbox-relay';
import type { Scheduler } from '../scheduling/scheduler';

const requirement = (name: string, met: () => boolean, reason: string): ReadinessCheck => ({
  name,
  check: () => (met() ? Promise.resolve() : Promise.reject(new Error(reason))),
});

/**
 * Ready means the service also does its background work: every consumer has joined its group
 * (so it receives what is published from now on) and the outbox relay has completed a tick
 * (so what it writes reaches Kafka). Until `start` gets there, `/health/ready` answers 503.
 */
export function backgroundReadiness() {
  let consumersJoined = false;
  let scheduler: Scheduler | undefined;
  const checks: ReadinessCheck[] = [
    requirement('consumers', () => consumersJoined, 'consumers have not joined their groups yet'),
    requirement(
      'outbox-relay',
      () => scheduler?.hasCompletedTick(OUTBOX_RELAY_JOB) === true,
      'the outbox relay has not completed a tick yet',
    ),
  ];
  return {
    checks,
    consumersJoined: () => {
      consumersJoined = true;
    },
    schedulerStarted: (started: Scheduler) => {
      scheduler = started;
    },
  };
}
