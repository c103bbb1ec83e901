/** Time is injected so rules that depend on "now" can be tested without faking timers. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
