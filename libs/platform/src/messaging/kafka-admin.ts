import type { Kafka } from 'kafkajs';

async function withAdmin<T>(
  kafka: Kafka,
  work: (admin: ReturnType<Kafka['admin']>) => Promise<T>,
): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Creates the topics that do not exist yet (brokers here never create topics on their own). */
export const ensureTopics = (kafka: Kafka, topics: string[], partitions: number) =>
  withAdmin(kafka, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
    });
  });

/** Messages on `topic` the group has not yet committed; 0 means it has handled everything. */
export const consumerGroupLag = (kafka: Kafka, groupId: string, topic: string) =>
  withAdmin(kafka, async (admin) => {
    const [ends, [committed]] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    return ends.reduce((lag, end) => {
      const done = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      return lag + Number(end.high) - Math.max(Number(done), 0);
    }, 0);
  });

export const describeCluster = (kafka: Kafka) =>
  withAdmin(kafka, (admin) => admin.describeCluster());

/** Who is in a consumer group right now, and whether it is settled (`Stable`) or rebalancing. */
export const describeConsumerGroup = (kafka: Kafka, groupId: string) =>
  withAdmin(kafka, async (admin) => {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    return {
      state: group?.state ?? 'Dead',
      members: (group?.members ?? []).map(({ memberId, clientId }) => ({ memberId, clientId })),
    };
  });

/** Sets one configuration entry of a topic, e.g. `max.message.bytes` when an operator raises it. */
export const setTopicConfig = (kafka: Kafka, topic: string, name: string, value: string) =>
  withAdmin(kafka, async (admin) => {
    await admin.alterConfigs({
      validateOnly: false,
      // 2 is ConfigResourceTypes.TOPIC, an enum kafkajs' CommonJS build does not export to ESM.
      resources: [{ type: 2, name: topic, configEntries: [{ name, value }] }],
    });
  });
