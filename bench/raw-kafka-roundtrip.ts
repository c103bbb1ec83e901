/**
 * The raw limit the notification pipeline is measured against: the same number of messages of
 * the same size produced by plain kafkajs (idempotent producer, acks from all replicas, batches)
 * to a fresh topic of the same broker and partition count, and consumed by one consumer group,
 * with no validation, database or provider. Seconds from the first send to the last message read.
 */
import { randomUUID } from 'node:crypto';
// The raw baseline is plain kafkajs by definition, without the platform's layer over it.
// eslint-disable-next-line no-restricted-imports
import { Kafka, Partitioners, logLevel } from 'kafkajs';

export async function measureRawKafkaRoundTrip(options: {
  brokers: string[];
  partitions: number;
  count: number;
  messageBytes: number;
  batch: number;
  maxSeconds: number;
}): Promise<{ seconds: number; consumed: number }> {
  const kafka = new Kafka({
    clientId: 'bench-raw',
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
  });
  const topic = `bench-raw-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: options.partitions }],
    waitForLeaders: true,
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  await Promise.all([producer.connect(), consumer.connect()]);
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let consumed = 0;
    let allRead: () => void = () => {};
    const done = new Promise<void>((resolve) => (allRead = resolve));
    await consumer.run({
      eachBatch: ({ batch }) => {
        consumed += batch.messages.length;
        if (consumed >= options.count) allRead();
        return Promise.resolve();
      },
    });
    const value = 'x'.repeat(options.messageBytes);
    const started = performance.now();
    for (let sent = 0; sent < options.count; sent += options.batch) {
      const size = Math.min(options.batch, options.count - sent);
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: size }, (_, i) => ({ key: String(sent + i), value })),
      });
    }
    await Promise.race([
      done,
      new Promise((resolve) => setTimeout(resolve, options.maxSeconds * 1000).unref()),
    ]);
    return { seconds: (performance.now() - started) / 1000, consumed };
  } finally {
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  }
}
