/**
 * A failure that retrying cannot cure (a missing template, a member still unknown after its
 * grace …). The consumer sends the message to the dead-letter topic on its first failure, with
 * this error's message as the reason.
 */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}

// PostgreSQL error class 22 "data exception": the value itself is unacceptable, every time.
const isDataException = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
};

export const isPermanent = (error: unknown): boolean =>
  error instanceof PermanentEventError || isDataException(error);

export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs?: number;
}

/** About 15 s in all: long enough for a projection that lags behind, short for a poison message. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, initialDelayMs: 200, maxDelayMs: 4_000 };

const backoffDelay = (policy: RetryPolicy, attempt: number): number =>
  Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs ?? Infinity);

/** A policy whose waits add up to at least `ms`, so its last attempt comes after that time. */
export function retryFor(ms: number, base: RetryPolicy = DEFAULT_RETRY): RetryPolicy {
  let attempts = 1;
  for (let waited = 0; waited < ms; attempts += 1) waited += backoffDelay(base, attempts);
  return { ...base, attempts };
}

export type Attempted<T> =
  { ok: true; value: T } | { ok: false; reason: string; attempts: number; permanent: boolean };

export interface RetryHooks {
  policy: RetryPolicy;
  /** Runs before each new attempt, after the backoff; the consumer heartbeats here. */
  beforeRetry: () => Promise<void>;
  onRetry: (attempt: number, reason: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` until it succeeds, fails permanently or runs out of attempts, waiting with
 * exponential backoff in between.
 */
export async function attemptWithRetries<T>(
  work: () => Promise<T>,
  hooks: RetryHooks,
): Promise<Attempted<T>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      const reason = (error as Error).message;
      const permanent = isPermanent(error);
      if (permanent || attempt >= hooks.policy.attempts)
        return { ok: false, reason, attempts: attempt, permanent };
      hooks.onRetry(attempt, reason);
      await sleep(backoffDelay(hooks.policy, attempt));
      await hooks.beforeRetry();
    }
  }
}
