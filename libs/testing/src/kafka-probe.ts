import { randomBytes, randomUUID } from 'node:crypto';
import { allTopics } from '@laoke/contracts';
import { consumerGroupLag, createLogger, createKafka, ensureTopics } from '@laoke/platform';
import { inject } from 'vitest';
import { eventually } from './eventually';

const kafkaFor = (brokers: string[]) =>
  createKafka({
    brokers,
    clientId: `test-probe-${randomUUID()}`,
    logger: createLogger('test-probe', 'silent'),
  });

export interface RawMessage {
  key: string | null;
  value: string;
  headers?: Record<string, string>;
}

const parseOrUndefined = (value: string) => {
  try {
    return JSON.parse(value) as { type: string; data: Record<string, unknown> };
  } catch {
    return undefined;
  }
};

/** Reads `topic` from the start until a message whose event matches `predicate`. */
export async function findMessage(
  brokers: string[],
  topic: string,
  predicate: (event: { type: string; data: Record<string, unknown> }) => boolean,
  timeoutMs = 20_000,
): Promise<RawMessage> {
  const consumer = kafkaFor(brokers).consumer({ groupId: `test-probe-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<RawMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message on ${topic}`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: ({ message }) => {
          const value = message.value?.toString() ?? '';
          const event = parseOrUndefined(value);
          if (event && predicate(event)) {
            clearTimeout(timer);
            const headers = Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
            );
            resolve({ key: message.key?.toString() ?? null, value, headers });
          }
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Publishes messages exactly as given, e.g. to redeliver an event on purpose. */
export async function publishRaw(
  brokers: string[],
  topic: string,
  messages: RawMessage[],
): Promise<void> {
  const producer = kafkaFor(brokers).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Waits until each consumer group has committed everything on its topic. */
export async function waitForConsumersToCatchUp(
  brokers: string[],
  groups: { groupId: string; topic: string }[],
): Promise<void> {
  const kafka = kafkaFor(brokers);
  await eventually(async () => {
    for (const { groupId, topic } of groups) {
      const lag = await consumerGroupLag(kafka, groupId, topic);
      if (lag !== 0) throw new Error(`${groupId} is ${lag} messages behind on ${topic}`);
    }
  }, 30_000);
}

export interface TopicNamespace {
  /** Goes into KAFKA_TOPIC_PREFIX of the services under test. */
  prefix: string;
  topic: (name: string) => string;
}

/**
 * Fresh copies of every topic for one test file, so its services never read what other files
 * published to the shared broker.
 */
export async function aTopicNamespace(): Promise<TopicNamespace> {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  await ensureTopics(kafkaFor(inject('kafkaBrokers')), allTopics(prefix), 3);
  return { prefix, topic: (name) => `${prefix}${name}` };
}
