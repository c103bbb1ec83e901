import { Counter, Histogram, type Registry } from 'prom-client';

/** Per-job Prometheus metrics, on the service's own registry. */
export function createJobMetrics(registry: Registry) {
  const labelNames = ['job'] as const;
  return {
    runs: new Counter({
      name: 'scheduled_job_runs_total',
      help: 'Ticks of a scheduled job, failed ones included',
      labelNames,
      registers: [registry],
    }),
    failures: new Counter({
      name: 'scheduled_job_failures_total',
      help: 'Ticks of a scheduled job that threw',
      labelNames,
      registers: [registry],
    }),
    items: new Counter({
      name: 'scheduled_job_items_total',
      help: 'Items a scheduled job handled',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'scheduled_job_duration_seconds',
      help: 'Duration of one tick of a scheduled job',
      labelNames,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers: [registry],
    }),
  };
}

export type JobMetrics = ReturnType<typeof createJobMetrics>;
