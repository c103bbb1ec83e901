/**
 * When a delivery that failed retryably is tried again: exponential in the attempts made, capped,
 * with "equal jitter" (half fixed, half random) so a provider outage does not bring every
 * waiting delivery back in the same instant.
 */
export function nextAttemptDelayMs(
  attemptsMade: number,
  policy: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
