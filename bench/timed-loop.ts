/** Latencies of every call made and the wall time they took. */
export interface Timed {
  latencies: number[];
  seconds: number;
}

/** Each worker calls `work` back to back until `seconds` have passed. */
export async function timedLoop<W>(
  workers: W[],
  seconds: number,
  work: (worker: W) => Promise<void>,
): Promise<Timed> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    workers.map(async (worker) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await work(worker);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** Each worker takes the next item until none is left. */
export async function timedPool<T>(
  concurrency: number,
  items: T[],
  work: (item: T) => Promise<void>,
): Promise<Timed> {
  const latencies: number[] = [];
  const queue = [...items];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        const t0 = performance.now();
        await work(item);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/**
 * Calls `work` at a fixed rate, whatever the answers' speed (an open loop, like tills at a
 * counter): each latency counts from when the call was due, so a backlog shows in it.
 */
export async function pacedLoop(
  perSecond: number,
  seconds: number,
  work: (call: number) => Promise<void>,
): Promise<Timed> {
  const latencies: number[] = [];
  const calls: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.floor(perSecond * seconds);
  for (let call = 0; call < total; call++) {
    const due = started + (call * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    calls.push(work(call).then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(calls);
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export const ratePerSecond = (timed: Timed) => timed.latencies.length / timed.seconds;

/** One line: label, rate, p50/p95/p99. */
export function summaryLine(label: string, timed: Timed): string {
  const sorted = [...timed.latencies].sort((a, b) => a - b);
  const figures = [50, 95, 99]
    .map((p) => `p${p} ${percentile(sorted, p).toFixed(1)} ms`)
    .join(', ');
  return `${label.padEnd(34)} ${ratePerSecond(timed).toFixed(1).padStart(8)}/s  ${figures}`;
}
