import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { allTopics } from '@laoke/contracts';
import { WORKSPACE_DIR, devstackKafka, provideKafka, providePostgres } from '@laoke/devstack';
import { ensureTopics } from '@laoke/platform';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    kafkaBrokers: string[];
  }
}

const log = (line: string) => process.stdout.write(`[test infra] ${line}\n`);

/** One real PostgreSQL and one real Kafka broker for the whole run, stopped at its end. */
export default async function setup(project: TestProject) {
  const runDir = join(WORKSPACE_DIR, '.laoke', `test-infra-${process.pid}`);
  const postgres = await providePostgres({
    dataDir: join(runDir, 'postgres'),
    persistent: false,
    log,
  });
  const kafka = await provideKafka({
    cacheDir: join(WORKSPACE_DIR, '.laoke', 'cache'),
    runDir: join(runDir, 'kafka'),
    partitions: 3,
    log,
  });
  await ensureTopics(devstackKafka(kafka.brokers), allTopics(), 3);
  project.provide('postgresAdminUrl', postgres.adminUrl);
  project.provide('kafkaBrokers', kafka.brokers);

  return async () => {
    await kafka.stop();
    await postgres.stop();
    await rm(runDir, { recursive: true, force: true });
  };
}
