import type { AnyEvent } from '@laoke/contracts';
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Database, Transaction } from '../db/database';
import type { Metrics } from '../http/metrics';
import { tryAdvisoryXactLock } from '../scheduling/advisory-lock';
import type { ScheduledJob } from '../scheduling/scheduled-job';
import { brokerRefusalOf, recordRefusal } from './outbox-parking';

export interface OutboxRow {
  position: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: AnyEvent;
  attempts: number;
}

export interface OutboxRelayOptions {
  db: Database;
  /** The relay's own producer: after a refused batch it reconnects it (see below). */
  producer: Producer;
  logger: Logger;
  metrics: Metrics;
  pollMs: number;
  /** See KAFKA_TOPIC_PREFIX; rows store the plain topic name. */
  topicPrefix: string;
  batchSize?: number;
  /** Attempts before a row the broker keeps refusing is parked; see OUTBOX_MAX_PUBLISH_ATTEMPTS. */
  maxAttempts?: number;
}

const DEFAULT_BATCH_SIZE = 200;
const DEFAULT_MAX_ATTEMPTS = 5;
export const OUTBOX_RELAY_JOB = 'outbox-relay';

async function publish(options: OutboxRelayOptions, rows: OutboxRow[]): Promise<void> {
  const byTopic = new Map<string, OutboxRow[]>();
  for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
  await options.producer.sendBatch({
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
}

async function markPublished(trx: Transaction, options: OutboxRelayOptions, rows: OutboxRow[]) {
  await trx('outbox')
    .whereIn(
      'position',
      rows.map((r) => r.position),
    )
    .update({ published_at: trx.fn.now() });
  for (const row of rows) options.metrics.eventsPublished.inc({ topic: row.topic });
}

/**
 * After the broker refused part of a batch: each row alone, in order. A refused row counts an
 * attempt and holds back the later rows of its key (member) until it is published or parked;
 * once parked, they go on. An outage (not a refusal) ends the tick; the rest waits.
 */
async function relayOneByOne(trx: Transaction, options: OutboxRelayOptions, rows: OutboxRow[]) {
  const log = options.logger.child({ component: 'outbox-relay' });
  const heldKeys = new Set<string>();
  let handled = 0;
  for (const row of rows) {
    if (heldKeys.has(row.message_key)) continue;
    try {
      await publish(options, [row]);
      await markPublished(trx, options, [row]);
      handled += 1;
    } catch (error) {
      const refusal = brokerRefusalOf(error);
      if (!refusal) break;
      const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const parked = await recordRefusal(trx, row, refusal, maxAttempts);
      const context = { eventId: row.event_id, type: row.event_type, refusal };
      if (parked) {
        options.metrics.eventsParked.inc({ topic: row.topic });
        log.error(context, 'broker keeps refusing an outbox row; parked it');
        handled += 1;
      } else {
        log.warn({ ...context, attempt: row.attempts + 1 }, 'broker refused an outbox row');
        heldKeys.add(row.message_key);
      }
    }
  }
  return handled;
}

/**
 * Publishes one batch of pending rows in outbox order; returns how many were published or
 * parked. One replica relays at a time (a transaction-scoped advisory lock), so a member's
 * events reach Kafka in the order they were written; the other replicas stand by.
 */
export async function relayOutboxBatch(options: OutboxRelayOptions): Promise<number> {
  const { db, producer } = options;
  return db.transaction(async (trx) => {
    if (!(await tryAdvisoryXactLock(trx, 'laoke.outbox-relay'))) return 0;
    const rows = await trx<OutboxRow>('outbox')
      .whereNull('published_at')
      .whereNull('parked_at')
      .orderBy('position')
      .limit(options.batchSize ?? DEFAULT_BATCH_SIZE);
    if (rows.length === 0) return 0;
    try {
      await publish(options, rows);
    } catch (error) {
      if (!brokerRefusalOf(error)) throw error;
      // kafkajs forgets the sequence numbers of the partitions the broker did accept in a
      // refused batch; a new producer id starts them afresh (consumers drop the duplicates).
      await producer.disconnect();
      await producer.connect();
      return relayOneByOne(trx, options, rows);
    }
    await markPublished(trx, options, rows);
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
