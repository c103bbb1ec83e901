import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { Stoppable } from './outbox';

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
      .whereRaw('ctid in (select ctid from ?? where ?? < ? limit ?)', [
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

/** Prunes once an hour (and once at start), so the messaging tables stay small without a cron. */
export function startRetentionWorker(options: {
  db: Database;
  logger: Logger;
  policy: RetentionPolicy;
}): Stoppable {
  const log = options.logger.child({ component: 'retention' });
  let running: Promise<void> = Promise.resolve();
  const prune = () => {
    running = pruneMessagingTables(options.db, new Date(), options.policy)
      .then((deleted) => log.info(deleted, 'messaging tables pruned'))
      .catch((error: unknown) =>
        log.error({ err: error }, 'pruning failed; will retry in an hour'),
      );
  };
  prune();
  const timer = setInterval(prune, 60 * 60 * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
