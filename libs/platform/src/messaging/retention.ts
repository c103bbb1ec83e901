import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import type { ScheduledJob } from '../scheduling/scheduled-job';

export interface RetentionPolicy {
  /** Published outbox rows are only an audit trail once Kafka has them. */
  outboxDays: number;
  /**
   * Processed-event ids guard against redelivery; keep them longer than Kafka keeps messages,
   * or a replay of an old message would be applied again.
   */
  processedEventsDays: number;
  /**
   * A stored Idempotency-Key answers a retry with the first result. Past this age a retry with the
   * same key is treated as a new request, so keep it longer than any client retries.
   */
  idempotentRequestsDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 5_000;

async function deleteInBatches(
  db: Database,
  table: string,
  column: string,
  before: Date,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db(table)
      // Rows another replica is deleting right now are skipped, not waited for.
      .whereRaw('ctid in (select ctid from ?? where ?? < ? limit ? for update skip locked)', [
        table,
        column,
        before,
        BATCH,
      ])
      .delete();
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Deletes what the retention policy no longer needs; returns how many rows went. */
export async function pruneExpiredRows(db: Database, now: Date, policy: RetentionPolicy) {
  // Only services that take Idempotency-Keys have the table (idempotencyMigrations).
  const takesIdempotencyKeys = await db.schema.hasTable('idempotent_requests');
  return {
    outbox: await deleteInBatches(db, 'outbox', 'published_at', daysBefore(now, policy.outboxDays)),
    processedEvents: await deleteInBatches(
      db,
      'processed_events',
      'processed_at',
      daysBefore(now, policy.processedEventsDays),
    ),
    idempotentRequests: takesIdempotencyKeys
      ? await deleteInBatches(
          db,
          'idempotent_requests',
          'created_at',
          daysBefore(now, policy.idempotentRequestsDays),
        )
      : 0,
  };
}

const HOUR_MS = 60 * 60 * 1000;

/** Prunes once an hour (and once at start), so these tables stay small without a cron. */
export function retentionJob(options: {
  db: Database;
  clock: Clock;
  logger: Logger;
  policy: RetentionPolicy;
}): ScheduledJob {
  const log = options.logger.child({ component: 'retention' });
  return {
    name: 'retention',
    intervalMs: HOUR_MS,
    backoff: { initialMs: 60_000, maxMs: HOUR_MS },
    async run() {
      const deleted = await pruneExpiredRows(options.db, options.clock.now(), options.policy);
      log.info(deleted, 'expired rows pruned');
      return deleted.outbox + deleted.processedEvents + deleted.idempotentRequests;
    },
  };
}
