import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, dropDatabase } from '@laoke/devstack';
import type { BaseConfig, BuiltService, RunningService, ServiceDeps } from '@laoke/platform';
import { inject } from 'vitest';
import { TEST_INTERNAL_TOKEN_SECRET } from './internal-identity';

export const TEST_PII_KEY = randomBytes(32).toString('base64');

export interface ServiceUnderTest extends RunningService {
  databaseName: string;
}

/** A service's composition root, as its `app.ts` exports it. */
export interface CompositionRoot<C extends BaseConfig, D extends ServiceDeps<C>> {
  /** The service's own config loader: validates and fills in defaults, as in production. */
  loadConfig: (env: Record<string, string | undefined>) => C;
  productionDeps: (config: C) => D;
  buildApp: (deps: D) => Promise<BuiltService>;
}

/**
 * Starts a service in this process against its own fresh database and the run's Kafka broker,
 * through the same composition root as production: the settings a test gives go through the
 * service's config loader (so every other setting has its production default, and a wrong one
 * fails as it would in production), then its production dependencies, with any the test
 * replaces (a clock, a provider). `close` also drops the database.
 */
export async function startServiceUnderTest<C extends BaseConfig, D extends ServiceDeps<C>>(
  root: CompositionRoot<C, D>,
  config: Partial<C>,
  replaced: Partial<Omit<D, 'config'>> = {},
): Promise<ServiceUnderTest> {
  const adminUrl = inject('postgresAdminUrl');
  const name = config.SERVICE_NAME ?? 'service';
  const databaseName = `laoke_test_${name}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await createDatabaseIfMissing(adminUrl, databaseName);
  const settings: Record<string, unknown> = {
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'silent',
    KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    KAFKA_CLIENT_ID_SUFFIX: `-${databaseName}`,
    OUTBOX_POLL_MS: 50,
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
    SERVICE_NAME: name,
    DATABASE_URL: databaseUrl,
    ...config,
  };
  const fullConfig = root.loadConfig(
    Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)])),
  );
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
