/** Time is injected so rules that depend on "now" can be tested without faking timers. */
export interface Clock {
  now(): Date;
}

/**
 * "Now" as each brand sees it. A normal brand lives in real time; a sandbox brand's clock is set
 * or advanced by head office (like a payment provider's test clock) so a member's year can be
 * watched in minutes. Every time-dependent business rule asks `nowFor(brandId)`; `now()` is the
 * platform's own time, for work that belongs to no brand (timeouts, housekeeping).
 */
export interface BrandClock extends Clock {
  nowFor(brandId: string): Date;
}

export const systemClock: BrandClock = { now: () => new Date(), nowFor: () => new Date() };
