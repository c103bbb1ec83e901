/** Creates every topic the platform uses on the brokers in KAFKA_BROKERS (docker compose runs this once). */
import { allTopics } from '@laoke/contracts';
import { devstackKafka, waitFor } from '@laoke/devstack';
import { describeCluster, ensureTopics } from '@laoke/platform';

const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean);
if (brokers.length === 0) throw new Error('KAFKA_BROKERS is required');
const partitions = Number(process.env['KAFKA_PARTITIONS'] ?? '3');
const kafka = devstackKafka(brokers);
await waitFor('Kafka', () => describeCluster(kafka), { timeoutMs: 120_000, intervalMs: 1_000 });
await ensureTopics(kafka, allTopics(), partitions);
process.stdout.write(`topics ready: ${allTopics().join(', ')}\n`);
