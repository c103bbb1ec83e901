import { eventProblems, type AnyEvent, type EventOf, type EventType } from '@laoke/contracts';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Database, Transaction } from '../db/database';
import type { Metrics } from '../http/metrics';
import { deadLetterPublisher, type DeadLetterHook } from './dead-letter';
import {
  DEFAULT_RETRY,
  attemptWithRetries,
  type RetryHooks,
  type RetryPolicy,
} from './event-retry';
import type { Stoppable } from './outbox';

/**
 * Work a handler leaves for after its transaction has committed: a call to a provider or to
 * another service, which never runs inside a transaction. It is retried like the handler; if it
 * still fails, the event stays processed, so the service must be able to finish the work itself
 * (as notifications' delivery recovery does).
 */
export type AfterCommit = () => Promise<void>;

export type EventHandler<T extends EventType> = (
  event: EventOf<T>,
  trx: Transaction,
) => Promise<void | AfterCommit>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

export interface EventConsumerOptions {
  kafka: Kafka;
  db: Database;
  /** Publishes dead letters; the service's own idempotent producer. */
  producer: Producer;
  service: string;
  /** Consumer group and inbox name; one per independent reaction to the same events. */
  groupId: string;
  topics: string[];
  /** See KAFKA_TOPIC_PREFIX; applied to the topics consumed and the dead-letter topic. */
  topicPrefix: string;
  handlers: EventHandlers;
  logger: Logger;
  metrics: Metrics;
  /** For transient failures; a PermanentEventError is dead-lettered at once. */
  retry?: RetryPolicy;
  /** How long the group waits for a silent member (kafkajs default 30 s). */
  sessionTimeoutMs?: number;
  /** Hears of each message once it is on the dead-letter topic (e.g. to show it as rejected). */
  onDeadLetter?: DeadLetterHook;
}

const isEnvelope = (value: unknown): value is { type: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { type?: unknown }).type === 'string';

/**
 * Idempotent consumer: the processed-event row and the handler's effect commit in one
 * transaction, so a redelivered event is skipped. A permanent failure sends the message to the
 * service's dead-letter topic at once; a transient one is retried a bounded number of times with
 * backoff (heartbeating, so the group keeps this member), then dead-lettered. Either way the
 * partition moves on.
 */
export async function startEventConsumer(options: EventConsumerOptions): Promise<Stoppable> {
  const { kafka, db, groupId, handlers, metrics } = options;
  const log = options.logger.child({ component: 'event-consumer', groupId });
  const policy = options.retry ?? DEFAULT_RETRY;
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    ...(options.sessionTimeoutMs && {
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(options.sessionTimeoutMs / 10),
    }),
  });
  const deadLetter = deadLetterPublisher({ ...options, logger: log });

  const handleOnce = async (event: AnyEvent, handler: EventHandler<EventType>) =>
    db.transaction(async (trx) => {
      const inserted = await trx('processed_events')
        .insert({ consumer: groupId, event_id: event.id })
        .onConflict(['consumer', 'event_id'])
        .ignore()
        .returning('event_id');
      if (inserted.length === 0) return { applied: false };
      return { applied: true, afterCommit: (await handler(event, trx)) ?? undefined };
    });

  await consumer.connect();
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  await consumer.subscribe({
    topics: options.topics.map((topic) => `${options.topicPrefix}${topic}`),
    fromBeginning: true,
  });
  await consumer.run({
    eachMessage: async (payload) => {
      const { topic, partition, message } = payload;
      const source = { topic, partition, message };
      let event: AnyEvent;
      try {
        event = JSON.parse(message.value?.toString() ?? '') as AnyEvent;
      } catch {
        metrics.eventsConsumed.inc({ type: 'unparseable', outcome: 'dead-lettered' });
        return deadLetter(source, 'message is not JSON', 1);
      }
      if (!isEnvelope(event)) {
        metrics.eventsConsumed.inc({ type: 'unparseable', outcome: 'dead-lettered' });
        return deadLetter(source, 'message is not an event: no type', 1, event);
      }
      const handler = handlers[event.type] as EventHandler<EventType> | undefined;
      if (!handler) return;
      const problems = eventProblems(event);
      if (problems.length > 0) {
        metrics.eventsConsumed.inc({ type: event.type, outcome: 'dead-lettered' });
        return deadLetter(source, `invalid event: ${problems.join('; ')}`, 1, event);
      }

      const hooks: RetryHooks = {
        policy,
        beforeRetry: () => payload.heartbeat(),
        onRetry: (attempt, reason) => {
          metrics.eventsConsumed.inc({ type: event.type, outcome: 'retried' });
          log.warn({ eventId: event.id, type: event.type, attempt, reason }, 'retrying');
        },
      };
      const handled = await attemptWithRetries(() => handleOnce(event, handler), hooks);
      if (!handled.ok) {
        metrics.eventsConsumed.inc({ type: event.type, outcome: 'dead-lettered' });
        return deadLetter(source, handled.reason, handled.attempts, event);
      }
      const { applied, afterCommit } = handled.value;
      metrics.eventsConsumed.inc({ type: event.type, outcome: applied ? 'applied' : 'duplicate' });
      if (!afterCommit) return;

      const after = await attemptWithRetries(afterCommit, hooks);
      if (!after.ok) {
        metrics.eventsConsumed.inc({ type: event.type, outcome: 'after-commit-failed' });
        log.error(
          { eventId: event.id, type: event.type, reason: after.reason, attempts: after.attempts },
          'work after commit failed; the service finishes it later',
        );
      }
    },
  });
  // Ready means the group has its partitions, so nothing published from now on is missed.
  await joined;

  return {
    async stop() {
      await consumer.disconnect();
    },
  };
}
