import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, dropDatabase } from '@laoke/devstack';
import {
  startService,
  type BaseConfig,
  type RunningService,
  type ServiceDefinition,
} from '@laoke/platform';
import { inject } from 'vitest';

export const TEST_PII_KEY = randomBytes(32).toString('base64');

export interface ServiceUnderTest extends RunningService {
  databaseName: string;
}

/**
 * Starts a service in this process against its own fresh database and the run's Kafka broker,
 * with the same wiring as production; `close` also drops the database.
 */
export async function startServiceUnderTest<C extends BaseConfig>(
  definition: ServiceDefinition<C>,
  config: Omit<C, keyof BaseConfig> & Partial<BaseConfig>,
): Promise<ServiceUnderTest> {
  const adminUrl = inject('postgresAdminUrl');
  const name = config.SERVICE_NAME ?? 'service';
  const databaseName = `laoke_test_${name}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await createDatabaseIfMissing(adminUrl, databaseName);
  const running = await startService(definition, {
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'silent',
    KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    KAFKA_CLIENT_ID_SUFFIX: `-${databaseName}`,
    OUTBOX_POLL_MS: 50,
    SERVICE_NAME: name,
    DATABASE_URL: databaseUrl,
    ...config,
  });
  return {
    ...running,
    databaseName,
    async close() {
      await running.close();
      await dropDatabase(adminUrl, databaseName);
    },
  };
}
