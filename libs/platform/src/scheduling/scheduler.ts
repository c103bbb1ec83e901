import type { Logger } from 'pino';
import type { Stoppable } from '../messaging/outbox';
import type { JobMetrics } from './job-metrics';
import { backoffDelayMs, type ScheduledJob } from './scheduled-job';

export interface Scheduler extends Stoppable {
  /** Whether the named job has completed a tick without failing since the scheduler started. */
  hasCompletedTick: (jobName: string) => boolean;
}

/** Waits that `stop` can cut short, so stopping never waits out an interval. */
function interruptiblePauses() {
  const wakers = new Set<() => void>();
  let interrupted = false;
  return {
    pause: (ms: number) =>
      new Promise<void>((resolve) => {
        if (interrupted) return resolve();
        const wake = () => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        wakers.add(wake);
      }),
    interruptAll: () => {
      interrupted = true;
      for (const wake of [...wakers]) wake();
    },
  };
}

/**
 * Runs each job in its own loop until stopped: a tick, then the job's interval (at once again
 * after a full batch, longer after failures). `stop` lets the running ticks finish and waits.
 */
export function startScheduler(options: {
  jobs: ScheduledJob[];
  logger: Logger;
  metrics: JobMetrics;
}): Scheduler {
  const names = options.jobs.map((job) => job.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`two scheduled jobs are named "${duplicate}"`);

  const { metrics } = options;
  const { pause, interruptAll } = interruptiblePauses();
  const completed = new Set<string>();
  let running = true;

  async function loop(job: ScheduledJob): Promise<void> {
    const log = options.logger.child({ component: 'scheduler', job: job.name });
    const labels = { job: job.name };
    let failures = 0;
    while (running) {
      metrics.runs.inc(labels);
      const endTimer = metrics.duration.startTimer(labels);
      try {
        const items = await job.run();
        endTimer();
        metrics.items.inc(labels, items);
        completed.add(job.name);
        if (failures > 0) log.info({ failures }, 'job succeeded again');
        failures = 0;
        const fullBatch = job.batchSize !== undefined && items >= job.batchSize;
        if (!fullBatch) await pause(job.intervalMs);
      } catch (error) {
        endTimer();
        failures += 1;
        metrics.failures.inc(labels);
        const retryInMs = backoffDelayMs(job, failures);
        log.error({ err: error, failures, retryInMs }, 'job failed; backing off');
        await pause(retryInMs);
      }
    }
  }

  const loops = options.jobs.map(loop);
  return {
    hasCompletedTick: (jobName) => completed.has(jobName),
    async stop() {
      running = false;
      interruptAll();
      await Promise.all(loops);
    },
  };
}
