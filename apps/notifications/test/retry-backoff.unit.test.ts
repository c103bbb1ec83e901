import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs } from '../src/domain/retry-backoff';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('the wait before the next attempt', () => {
  it('doubles with every attempt made, half of it fixed and half random', () => {
    expect(nextAttemptDelayMs(1, policy, () => 0)).toBe(500);
    expect(nextAttemptDelayMs(1, policy, () => 1)).toBe(1_000);
    expect(nextAttemptDelayMs(2, policy, () => 0)).toBe(1_000);
    expect(nextAttemptDelayMs(4, policy, () => 1)).toBe(8_000);
  });

  it('never waits longer than the maximum', () => {
    expect(nextAttemptDelayMs(30, policy, () => 1)).toBe(60_000);
    expect(nextAttemptDelayMs(30, policy, () => 0)).toBe(30_000);
  });

  it('spreads deliveries that failed together over the window', () => {
    const waits = new Set(Array.from({ length: 50 }, () => nextAttemptDelayMs(3, policy)));
    expect(waits.size).toBeGreaterThan(10);
  });
});
