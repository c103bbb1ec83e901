import type { BrandClock } from '@laoke/platform';

/**
 * A clock a test sets or moves forward by hand; it never moves on its own and uses no timers.
 * Every brand sees the same time.
 */
export interface TestClock extends BrandClock {
  set(at: Date): void;
  advance(by: { days?: number; hours?: number; minutes?: number }): Date;
}

const MINUTE_MS = 60_000;

export function aTestClock(start = new Date('2026-03-02T06:30:00Z')): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    nowFor: () => new Date(current),
    set(at) {
      current = new Date(at);
    },
    advance({ days = 0, hours = 0, minutes = 0 }) {
      current = new Date(current.getTime() + ((days * 24 + hours) * 60 + minutes) * MINUTE_MS);
      return new Date(current);
    },
  };
}
