import { deadLetterTopic } from '@laoke/contracts';
import type { KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';

export interface DeadLetterSource {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

export type DeadLetter = (
  source: DeadLetterSource,
  reason: string,
  attempts: number,
  /** The message as parsed, when it was JSON. */
  parsed?: unknown,
) => Promise<void>;

/** A message now on the dead-letter topic, as a service may want to record it. */
export interface DeadLetterNotice {
  topic: string;
  partition: number;
  offset: string;
  reason: string;
  /** The message as parsed; undefined when it was not JSON. */
  parsed: unknown;
}

/**
 * Called after the dead letter is published. It may run twice for one message (a crash before
 * the offset is committed), so it must be idempotent; a failure is logged, never retried, and
 * never stops the consumer: the dead letter itself is already safe.
 */
export type DeadLetterHook = (notice: DeadLetterNotice) => Promise<void>;

/**
 * Publishes a message a consumer gave up on to the service's dead-letter topic, as received,
 * with why (`dead-letter-reason`), where from and after how many attempts in its headers.
 */
export function deadLetterPublisher(options: {
  producer: Producer;
  service: string;
  groupId: string;
  topicPrefix: string;
  logger: Logger;
  onDeadLetter?: DeadLetterHook;
}): DeadLetter {
  const topic = `${options.topicPrefix}${deadLetterTopic(options.service)}`;
  return async ({ topic: from, partition, message }, reason, attempts, parsed) => {
    options.logger.error(
      { topic: from, partition, offset: message.offset, reason, attempts },
      'event sent to dead-letter topic',
    );
    await options.producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dead-letter-reason': reason.slice(0, 2000),
            'dead-letter-source': `${from}/${partition}/${message.offset}`,
            'dead-letter-consumer': options.groupId,
            'dead-letter-attempts': String(attempts),
          },
        },
      ],
    });
    if (!options.onDeadLetter) return;
    const notice = { topic: from, partition, offset: message.offset, reason, parsed };
    try {
      await options.onDeadLetter(notice);
    } catch (error) {
      options.logger.error(
        { topic: from, partition, offset: message.offset, reason: (error as Error).message },
        'dead letter published but not recorded',
      );
    }
  };
}
