/**
 * A named piece of background work the scheduler runs again and again. `run` does one tick's
 * worth (one batch) and says how many items it handled. Several replicas run the same jobs, so
 * a job claims its work itself: rows with `FOR UPDATE SKIP LOCKED`, or a whole tick under a
 * transaction-scoped advisory lock (see `tryAdvisoryXactLock`).
 */
export interface ScheduledJob {
  name: string;
  /** Pause between ticks that found less than a full batch. */
  intervalMs: number;
  /** A tick that handled this many items runs again at once: more is probably waiting. */
  batchSize?: number;
  /** Bounded exponential back-off after failures; starts at `intervalMs` unless given. */
  backoff?: { initialMs?: number; maxMs?: number };
  run: () => Promise<number>;
}

const DEFAULT_MAX_BACKOFF_MS = 60_000;

/** How long to wait after the `failures`-th failure in a row. */
export function backoffDelayMs(job: ScheduledJob, failures: number): number {
  const initial = job.backoff?.initialMs ?? job.intervalMs;
  const max = job.backoff?.maxMs ?? Math.max(DEFAULT_MAX_BACKOFF_MS, initial);
  return Math.min(initial * 2 ** Math.max(failures - 1, 0), max);
}
