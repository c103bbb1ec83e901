import type { RfmPolicy } from '../segments/rfm-policy';

export interface BroadcastPolicy {
  timeZone: string;
  rfm: RfmPolicy;
  /** Messages a brand's broadcasts may request per second (one broadcast of a brand at a time). */
  ratePerSecond: number;
  /** Members requested in one transaction at most. */
  batchSize: number;
}

const SECOND_MS = 1000;

/**
 * How many members this tick may request: what the rate allows since the last batch (a first
 * batch gets one second's worth), at most one batch. The brand clock measures the time, so a
 * sandbox clock moved by a test or an integrator releases the next batch.
 */
export function batchBudget(
  policy: Pick<BroadcastPolicy, 'ratePerSecond' | 'batchSize'>,
  lastBatchAt: Date | null,
  now: Date,
): number {
  const elapsedMs = lastBatchAt ? now.getTime() - lastBatchAt.getTime() : SECOND_MS;
  const allowed = Math.floor((policy.ratePerSecond * Math.max(elapsedMs, 0)) / SECOND_MS);
  return Math.min(allowed, policy.batchSize);
}
