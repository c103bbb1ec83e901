import { eventProblems, topicOf, type AnyEvent } from '@laoke/contracts';
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Database, Transaction } from '../db/database';
import type { Metrics } from '../http/metrics';

/**
 * Transactional outbox: events are written in the same transaction as the state change
 * they describe, and only a relay publishes them, after commit.
 */
export async function appendToOutbox(trx: Transaction, events: AnyEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => {
    const problems = eventProblems(event);
    if (problems.length > 0) {
      throw new Error(`refusing to emit invalid ${event.type}: ${problems.join('; ')}`);
    }
    return {
      event_id: event.id,
      topic: topicOf(event.type),
      // One member's events share a partition, so consumers see them in order.
      message_key: event.memberId ?? event.brandId,
      event_type: event.type,
      payload: JSON.stringify(event),
    };
  });
  await trx('outbox').insert(rows);
}

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

/**
 * Publishes one batch of unpublished rows in outbox order; returns how many were sent. One
 * replica relays at a time (a transaction-scoped advisory lock), so a member's events reach
 * Kafka in the order they were written; the other replicas stand by.
 */
export async function relayOutboxBatch(options: OutboxRelayOptions): Promise<number> {
  const { db, producer, metrics } = options;
  return db.transaction(async (trx) => {
    const lock = await trx.raw<{ rows: { relay: boolean }[] }>(
      "select pg_try_advisory_xact_lock(hashtext('laoke.outbox-relay')) as relay",
    );
    if (!lock.rows[0]?.relay) return 0;
    const rows = await trx<OutboxRow>('outbox')
      .whereNull('published_at')
      .orderBy('position')
      .limit(options.batchSize ?? 200);
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

export interface Stoppable {
  stop: () => Promise<void>;
}

/** Polls the outbox until stopped; any number of replicas may run it. */
export function startOutboxRelay(options: OutboxRelayOptions): Stoppable {
  const log = options.logger.child({ component: 'outbox-relay' });
  let running = true;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    let failures = 0;
    while (running) {
      try {
        const sent = await relayOutboxBatch(options);
        failures = 0;
        if (sent === 0) await pause(options.pollMs);
      } catch (error) {
        failures += 1;
        log.error({ err: error, failures }, 'outbox relay failed; will retry');
        await pause(Math.min(options.pollMs * 2 ** failures, 10_000));
      }
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
