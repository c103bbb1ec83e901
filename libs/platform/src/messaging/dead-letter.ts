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
) => Promise<void>;

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
}): DeadLetter {
  const topic = `${options.topicPrefix}${deadLetterTopic(options.service)}`;
  return async ({ topic: from, partition, message }, reason, attempts) => {
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
  };
}
