import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { WORKSPACE_DIR, provideKafka, providePostgres } from '@laoke/devstack';
import type { TestProject } from 'vitest/node';
import { containerRuntimeAvailable, startContainerInfra } from './container-infra';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    kafkaBrokers: string[];
  }
}

const log = (line: string) => process.stdout.write(`[test infra] ${line}\n`);

interface Infra {
  postgresAdminUrl: string;
  kafkaBrokers: string[];
  stop: () => Promise<void>;
}

/** PostgreSQL and Kafka as local processes: given by POSTGRES_URL / KAFKA_BROKERS, or started here. */
async function startLocalInfra(): Promise<Infra> {
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
  return {
    postgresAdminUrl: postgres.adminUrl,
    kafkaBrokers: kafka.brokers,
    async stop() {
      await kafka.stop();
      await postgres.stop();
      await rm(runDir, { recursive: true, force: true });
    },
  };
}

/**
 * One real PostgreSQL and one real Kafka broker for the whole run, stopped at its end: in
 * containers where a container runtime answers and nothing is given, else local processes.
 * Each test file creates its own topics (see aTopicNamespace).
 */
export default async function setup(project: TestProject) {
  const given = process.env['POSTGRES_URL'] || process.env['KAFKA_BROKERS'];
  const useContainers = !given && (await containerRuntimeAvailable());
  log(
    useContainers
      ? 'starting PostgreSQL and Kafka with testcontainers'
      : 'using local PostgreSQL and Kafka',
  );
  const infra = useContainers ? await startContainerInfra() : await startLocalInfra();
  project.provide('postgresAdminUrl', infra.postgresAdminUrl);
  project.provide('kafkaBrokers', infra.kafkaBrokers);
  return infra.stop;
}
