import type { ScheduledJob } from '@laoke/platform';
import {
  sendBirthdayGreetings,
  type GreetingDeps,
} from '../domain/greetings/send-birthday-greetings.use-case';
import { sendOccasionGreetings } from '../domain/greetings/send-occasion-greetings.use-case';

const BATCH_SIZE = 500;

/** R5: birthdays, holidays and season starts, checked as often as `pollMs`. */
export const greetingJobs = (deps: GreetingDeps & { pollMs: number }): ScheduledJob[] => [
  {
    name: 'birthday-greetings',
    intervalMs: deps.pollMs,
    batchSize: BATCH_SIZE,
    run: () => sendBirthdayGreetings(deps, BATCH_SIZE),
  },
  {
    name: 'occasion-greetings',
    intervalMs: deps.pollMs,
    batchSize: BATCH_SIZE,
    run: () => sendOccasionGreetings(deps, BATCH_SIZE),
  },
];
