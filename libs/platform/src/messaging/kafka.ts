import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(options: {
  brokers: string[];
  clientId: string;
  logger: Logger;
}): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        // kafkajs logs each broker error response (e.g. "coordinator is loading" while a broker
        // starts) as an error and then retries it; a failure that remains reaches our code.
        const pinoLevel = message.startsWith('Response ') ? 'warn' : (PINO_LEVEL[level] ?? 'info');
        log[pinoLevel](rest, message);
      },
    retry: { retries: 8, initialRetryTime: 200 },
  });
}

/**
 * Retries are bounded on purpose (kafkajs warns about it): the outbox keeps an unsent event and
 * the relay sends it again, so an outage never blocks a relay inside its transaction.
 *
 * Idempotent producer: acks from all in-sync replicas, one request in flight so retries
 * cannot reorder, and the default (murmur2, Java-compatible) partitioner chosen explicitly.
 */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

export type { Kafka, Producer };
