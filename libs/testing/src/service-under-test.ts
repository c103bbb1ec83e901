import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, dropDatabase } from '@laoke/devstack';
import type { BaseConfig, BuiltService, RunningService, ServiceDeps } from '@laoke/platform';
import { inject } from 'vitest';

export const TEST_PII_KEY = randomBytes(32).toString('base64');

export interface ServiceUnderTest extends RunningService {
  databaseName: string;
}

/** A service's composition root, as its `app.ts` exports it. */
export interface CompositionRoot<C extends BaseConfig, D extends ServiceDeps<C>> {
  productionDeps: (config: C) => D;
  buildApp: (deps: D) => Promise<BuiltService>;
}

/**
 * Starts a service in this process against its own fresh database and the run's Kafka broker,
 * through the same composition root as production: its production dependencies for the test
 * config, with any the test replaces (a clock, a provider). `close` also drops the database.
 */
export async function startServiceUnderTest<C extends BaseConfig, D extends ServiceDeps<C>>(
  root: CompositionRoot<C, D>,
  config: Omit<C, keyof BaseConfig> & Partial<BaseConfig>,
  replaced: Partial<Omit<D, 'config'>> = {},
): Promise<ServiceUnderTest> {
  const adminUrl = inject('postgresAdminUrl');
  const name = config.SERVICE_NAME ?? 'service';
  const databaseName = `laoke_test_${name}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await createDatabaseIfMissing(adminUrl, databaseName);
  const fullConfig = {
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'silent',
    KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    KAFKA_CLIENT_ID_SUFFIX: `-${databaseName}`,
    KAFKA_TOPIC_PREFIX: '',
    OUTBOX_POLL_MS: 50,
    OUTBOX_RETENTION_DAYS: 7,
    PROCESSED_EVENTS_RETENTION_DAYS: 30,
    IDEMPOTENCY_KEY_RETENTION_DAYS: 7,
    SERVICE_NAME: name,
    DATABASE_URL: databaseUrl,
    ...config,
  } as C;
  const built = await root.buildApp({ ...root.productionDeps(fullConfig), ...replaced });
  const running = await built.start();
  return {
    ...running,
    databaseName,
    async close() {
      await running.close();
      await dropDatabase(adminUrl, databaseName);
    },
  };
}
