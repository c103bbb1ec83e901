import type { AnyEvent } from '@laoke/contracts';
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { Metrics } from '../http/metrics';
import { tryAdvisoryXactLock } from '../scheduling/advisory-lock';
import type { ScheduledJob } from '../scheduling/scheduled-job';

interface OutboxRow {
  position: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: AnyEvent;
}

export interface OutboxRelayOptions {
  db: Database;
  producer: Producer;
  logger: Logger;
  metrics: Metrics;
  pollMs: number;
  /** See KAFKA_TOPIC_PREFIX; rows store the plain topic name. */
  topicPrefix: string;
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 200;
export const OUTBOX_RELAY_JOB = 'outbox-relay';

/**
 * Publishes one batch of unpublished rows in outbox order; returns how many were sent. One
 * replica relays at a time (a transaction-scoped advisory lock), so a member's events reach
 * Kafka in the order they were written; the other replicas stand by.
 */
export async function relayOutboxBatch(options: OutboxRelayOptions): Promise<number> {
  const { db, producer, metrics } = options;
  return db.transaction(async (trx) => {
    if (!(await tryAdvisoryXactLock(trx, 'laoke.outbox-relay'))) return 0;
    const rows = await trx<OutboxRow>('outbox')
      .whereNull('published_at')
      .orderBy('position')
      .limit(options.batchSize ?? DEFAULT_BATCH_SIZE);
    if (rows.length === 0) return 0;

    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const topicRows = byTopic.get(row.topic) ?? [];
      topicRows.push(row);
      byTopic.set(row.topic, topicRows);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicRows]) => ({
        topic: `${options.topicPrefix}${topic}`,
        messages: topicRows.map((row) => ({
          key: row.message_key,
          value: JSON.stringify(row.payload),
          headers: { 'event-type': row.event_type, 'event-id': row.event_id },
        })),
      })),
    });
    await trx('outbox')
      .whereIn(
        'position',
        rows.map((r) => r.position),
      )
      .update({ published_at: trx.fn.now() });
    for (const [topic, topicRows] of byTopic)
      metrics.eventsPublished.inc({ topic }, topicRows.length);
    return rows.length;
  });
}

/** The relay as a scheduled job: any number of replicas may run it. */
export function outboxRelayJob(options: OutboxRelayOptions): ScheduledJob {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  return {
    name: OUTBOX_RELAY_JOB,
    intervalMs: options.pollMs,
    batchSize,
    backoff: { maxMs: 10_000 },
    run: () => relayOutboxBatch({ ...options, batchSize }),
  };
}
