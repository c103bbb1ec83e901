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

/** Deletes what the retention policy no longer needs; returns how many rows went. */
export async function pruneMessagingTables(db: Database, now: Date, policy: RetentionPolicy) {
  return {
    outbox: await deleteInBatches(
      db,
      'outbox',
      'published_at',
      new Date(now.getTime() - policy.outboxDays * DAY_MS),
    ),
    processedEvents: await deleteInBatches(
      db,
      'processed_events',
      'processed_at',
      new Date(now.getTime() - policy.processedEventsDays * DAY_MS),
    ),
  };
}

const HOUR_MS = 60 * 60 * 1000;

/** Prunes once an hour (and once at start), so the messaging tables stay small without a cron. */
export function messagingRetentionJob(options: {
  db: Database;
  clock: Clock;
  logger: Logger;
  policy: RetentionPolicy;
}): ScheduledJob {
  const log = options.logger.child({ component: 'retention' });
  return {
    name: 'messaging-retention',
    intervalMs: HOUR_MS,
    backoff: { initialMs: 60_000, maxMs: HOUR_MS },
    async run() {
      const deleted = await pruneMessagingTables(options.db, options.clock.now(), options.policy);
      log.info(deleted, 'messaging tables pruned');
      return deleted.outbox + deleted.processedEvents;
    },
  };
}
