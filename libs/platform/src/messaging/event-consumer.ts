import {
  deadLetterTopic,
  eventProblems,
  type AnyEvent,
  type EventOf,
  type EventType,
} from '@laoke/contracts';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Database, Transaction } from '../db/database';
import type { Metrics } from '../http/metrics';
import type { Stoppable } from './outbox';

export type EventHandler<T extends EventType> = (
  event: EventOf<T>,
  trx: Transaction,
) => Promise<void>;
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
  retry?: { attempts: number; initialDelayMs: number; maxDelayMs?: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idempotent consumer: the processed-event row and the handler's effect commit in one
 * transaction, so a redelivered event is skipped. A handler that keeps failing is retried
 * a bounded number of times, then the message goes to the service's dead-letter topic
 * with the error attached and the partition moves on.
 */
export async function startEventConsumer(options: EventConsumerOptions): Promise<Stoppable> {
  const { kafka, db, producer, groupId, handlers, metrics } = options;
  const log = options.logger.child({ component: 'event-consumer', groupId });
  // About 15 s in all: long enough for a projection that lags behind, short for a poison message.
  const retry = options.retry ?? { attempts: 8, initialDelayMs: 200, maxDelayMs: 4_000 };
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });

  const deadLetter = async (
    message: KafkaMessage,
    topic: string,
    partition: number,
    reason: string,
  ) => {
    log.error(
      { topic, partition, offset: message.offset, reason },
      'event sent to dead-letter topic',
    );
    await producer.send({
      topic: `${options.topicPrefix}${deadLetterTopic(options.service)}`,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dead-letter-reason': reason.slice(0, 2000),
            'dead-letter-source': `${topic}/${partition}/${message.offset}`,
            'dead-letter-consumer': groupId,
          },
        },
      ],
    });
  };

  const handleOnce = async (event: AnyEvent, handler: EventHandler<EventType>): Promise<boolean> =>
    db.transaction(async (trx) => {
      const inserted = await trx('processed_events')
        .insert({ consumer: groupId, event_id: event.id })
        .onConflict(['consumer', 'event_id'])
        .ignore()
        .returning('event_id');
      if (inserted.length === 0) return false;
      await handler(event, trx);
      return true;
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
    eachMessage: async ({ topic, partition, message }) => {
      let event: AnyEvent;
      try {
        event = JSON.parse(message.value?.toString() ?? '') as AnyEvent;
      } catch {
        metrics.eventsConsumed.inc({ type: 'unparseable', outcome: 'dead-lettered' });
        return deadLetter(message, topic, partition, 'message is not JSON');
      }
      const handler = handlers[event.type] as EventHandler<EventType> | undefined;
      if (!handler) return;
      const problems = eventProblems(event);
      if (problems.length > 0) {
        metrics.eventsConsumed.inc({ type: event.type, outcome: 'dead-lettered' });
        return deadLetter(message, topic, partition, `invalid event: ${problems.join('; ')}`);
      }

      for (let attempt = 1; ; attempt += 1) {
        try {
          const applied = await handleOnce(event, handler);
          metrics.eventsConsumed.inc({
            type: event.type,
            outcome: applied ? 'applied' : 'duplicate',
          });
          return;
        } catch (error) {
          const reason = (error as Error).message;
          if (attempt >= retry.attempts) {
            metrics.eventsConsumed.inc({ type: event.type, outcome: 'dead-lettered' });
            return deadLetter(message, topic, partition, reason);
          }
          log.warn(
            { eventId: event.id, type: event.type, attempt, reason },
            'handler failed; retrying',
          );
          await sleep(
            Math.min(retry.initialDelayMs * 2 ** (attempt - 1), retry.maxDelayMs ?? Infinity),
          );
        }
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
