import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  createJobMetrics,
  createLogger,
  startScheduler,
  type ScheduledJob,
} from '../src';

const logger = createLogger('scheduler-test', 'silent');
const HOUR_MS = 60 * 60 * 1000;

async function counted(registry: Registry, name: string, job: string): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => v.labels['job'] === job)?.value ?? 0;
}

/** Resolves once `condition` holds, checking after each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

function schedule(jobs: ScheduledJob[]) {
  const registry = new Registry();
  const scheduler = startScheduler({ jobs, logger, metrics: createJobMetrics(registry) });
  return { registry, scheduler };
}

describe('scheduler', () => {
  it('runs a job again at once after a full batch, then waits its interval', async () => {
    const results = [2, 2, 1];
    let runs = 0;
    const { registry, scheduler } = schedule([
      {
        name: 'drain',
        intervalMs: HOUR_MS,
        batchSize: 2,
        run: () => Promise.resolve(results[runs++] ?? 0),
      },
    ]);

    await until(() => scheduler.hasCompletedTick('drain') && runs === 3);
    await scheduler.stop();

    expect(runs).toBe(3);
    expect(await counted(registry, 'scheduled_job_items_total', 'drain')).toBe(5);
    expect(await counted(registry, 'scheduled_job_runs_total', 'drain')).toBe(3);
  });

  it('stop waits for the running tick to finish', async () => {
    let finishTick = () => {};
    const order: string[] = [];
    const { scheduler } = schedule([
      {
        name: 'slow',
        intervalMs: HOUR_MS,
        run: () =>
          new Promise<number>((resolve) => {
            finishTick = () => {
              order.push('tick finished');
              resolve(1);
            };
          }),
      },
    ]);

    const stopped = scheduler.stop().then(() => order.push('stopped'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    finishTick();
    await stopped;

    expect(order).toEqual(['tick finished', 'stopped']);
  });

  it('backs off after failures, counts them, and carries on once the job succeeds', async () => {
    let runs = 0;
    const { registry, scheduler } = schedule([
      {
        name: 'flaky',
        intervalMs: HOUR_MS,
        backoff: { initialMs: 1, maxMs: 4 },
        run: () => {
          runs += 1;
          return runs <= 2 ? Promise.reject(new Error('database unavailable')) : Promise.resolve(0);
        },
      },
    ]);

    await until(() => scheduler.hasCompletedTick('flaky'));
    await scheduler.stop();

    expect(await counted(registry, 'scheduled_job_failures_total', 'flaky')).toBe(2);
    expect(await counted(registry, 'scheduled_job_runs_total', 'flaky')).toBe(3);
  });

  it('backs off exponentially from the interval, up to a bound', () => {
    const job: ScheduledJob = {
      name: 'relay',
      intervalMs: 200,
      backoff: { maxMs: 1_000 },
      run: () => Promise.resolve(0),
    };
    expect([1, 2, 3, 4, 10].map((failures) => backoffDelayMs(job, failures))).toEqual([
      200, 400, 800, 1_000, 1_000,
    ]);
    expect(backoffDelayMs({ ...job, backoff: {} }, 30)).toBe(60_000);
  });

  it('refuses two jobs of the same name', () => {
    const job: ScheduledJob = { name: 'twice', intervalMs: 10, run: () => Promise.resolve(0) };
    expect(() => schedule([job, job])).toThrow('two scheduled jobs are named "twice"');
  });
});
