import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { allTopics } from '@laoke/contracts';
import { freePort } from './local-process';
import { ensureTopics } from '@laoke/platform';
import { devstackKafka, provideKafka } from './kafka-broker';
import { createDatabaseIfMissing, dropDatabase, providePostgres } from './postgres';
import { startProviderSink, type ProviderSink } from './provider-sink';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import {
  SERVICE_NAMES,
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
} from './service-process';

export const WORKSPACE_DIR = resolve(import.meta.dirname, '../../..');
const STATE_DIR = join(WORKSPACE_DIR, '.laoke');

export interface StackOptions {
  /** `dev` keeps its data between runs on fixed ports; `test` is throw-away on free ports. */
  mode: 'dev' | 'test';
  log: (line: string) => void;
  apiKey: string;
  brandId: string;
  partitions?: number;
  /** Infrastructure already running (a test run's); otherwise it comes from the environment or is started. */
  postgresUrl?: string;
  kafkaBrokers?: string[];
  /** Aborting it stops a start under way: what already runs is stopped, and the start rejects. */
  signal?: AbortSignal;
}

export interface RunningStack {
  gatewayUrl: string;
  urls: Record<ServiceName, string>;
  sink: ProviderSink;
  /** The SMTP server e-mails go to; `messages()` lists them. */
  smtp: SmtpSink;
  brokers: string[];
  postgresAdminUrl: string;
  databases: Record<ServiceName, string>;
  /** Prefix of every topic of this stack (KAFKA_TOPIC_PREFIX); a test stack has its own. */
  topicPrefix: string;
  /** Where each service's output goes in test mode (`<service>.log`); the terminal in dev mode. */
  logDir?: string;
  stop: () => Promise<void>;
}

const DEV_PORTS: Record<ServiceName, number> = {
  gateway: 8080,
  members: 8081,
  loyalty: 8082,
  campaigns: 8083,
  notifications: 8084,
};
const DEV_SINK_PORT = 8089;
const DEV_SMTP_PORT = 8025;

/** The dev stack keeps one encryption key so data stored in an earlier run stays readable. */
async function piiKey(mode: StackOptions['mode']): Promise<string> {
  const fromEnv = process.env['PII_ENCRYPTION_KEY'];
  if (fromEnv) return fromEnv;
  if (mode === 'test') return randomBytes(32).toString('base64');
  const file = join(STATE_DIR, 'dev-pii.key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const key = randomBytes(32).toString('base64');
  await writeFile(file, key, { mode: 0o600 });
  return key;
}

function serviceEnv(
  name: ServiceName,
  urls: Record<ServiceName, string>,
  sinks: { sink: ProviderSink; smtp: SmtpSink },
  apiKey: string,
  brandId: string,
): Record<string, string> {
  switch (name) {
    case 'loyalty':
    case 'campaigns':
      return { MEMBERS_URL: urls.members };
    case 'notifications':
      return {
        SMS_PROVIDER_URL: `${sinks.sink.url}/sms`,
        WECHAT_PROVIDER_URL: `${sinks.sink.url}/wechat`,
        EMAIL_SMTP_HOST: sinks.smtp.host,
        EMAIL_SMTP_PORT: String(sinks.smtp.port),
        MEMBERS_URL: urls.members,
      };
    case 'gateway':
      return {
        MEMBERS_URL: urls.members,
        LOYALTY_URL: urls.loyalty,
        CAMPAIGNS_URL: urls.campaigns,
        NOTIFICATIONS_URL: urls.notifications,
        GATEWAY_API_KEYS: `${apiKey}=${brandId}`,
      };
    default:
      return {};
  }
}

/**
 * Brings up everything the platform needs on a machine without Docker: PostgreSQL (given or
 * embedded), a real Kafka broker, the SMS provider sink and the five services.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const runId = options.mode === 'dev' ? 'dev' : `test-${process.pid}-${Date.now().toString(36)}`;
  const runDir = join(STATE_DIR, runId);
  await mkdir(runDir, { recursive: true });
  const partitions = options.partitions ?? 3;
  const stops: (() => Promise<void>)[] = [];
  if (options.mode === 'test') stops.push(() => rm(runDir, { recursive: true, force: true }));
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const s of [...stops].reverse())
        await s().catch((e: Error) => options.log(`stop failed: ${e.message}`));
    })());
  const { signal } = options;

  try {
    const postgres = await providePostgres({
      given: options.postgresUrl,
      dataDir: join(STATE_DIR, options.mode === 'dev' ? 'postgres' : `${runId}-postgres`),
      persistent: options.mode === 'dev',
      log: options.log,
      signal,
    });
    stops.push(postgres.stop);
    const createdDatabases: string[] = [];
    if (options.mode === 'test') {
      stops.push(async () => {
        for (const database of createdDatabases) await dropDatabase(postgres.adminUrl, database);
      });
    }
    const kafka = await provideKafka({
      given: options.kafkaBrokers,
      cacheDir: join(STATE_DIR, 'cache'),
      runDir: join(runDir, 'kafka'),
      partitions,
      log: options.log,
      signal,
    });
    stops.push(kafka.stop);
    signal?.throwIfAborted();
    const topicPrefix = options.mode === 'test' ? `${runId}.` : '';
    await ensureTopics(devstackKafka(kafka.brokers), allTopics(topicPrefix), partitions);

    const sink = await startProviderSink(options.mode === 'dev' ? DEV_SINK_PORT : 0);
    stops.push(sink.stop);
    const smtp =
      options.mode === 'dev'
        ? await startSmtpSink(DEV_SMTP_PORT, '127.0.0.1', (email) =>
            options.log(`e-mail received by the SMTP sink: "${email.subject}"`),
          )
        : await startSmtpSink();
    stops.push(smtp.stop);

    const databases = {} as Record<ServiceName, string>;
    const urls = {} as Record<ServiceName, string>;
    const ports = {} as Record<ServiceName, number>;
    for (const name of SERVICE_NAMES) {
      ports[name] = options.mode === 'dev' ? DEV_PORTS[name] : await freePort();
      urls[name] = `http://127.0.0.1:${ports[name]}`;
      databases[name] =
        options.mode === 'dev' ? `laoke_${name}` : `laoke_${runId.replace(/-/g, '_')}_${name}`;
    }
    const key = await piiKey(options.mode);
    // The gateway signs, every service verifies; tokens live a minute, so a new one each start.
    const internalTokenSecret =
      process.env['INTERNAL_TOKEN_SECRET'] ?? randomBytes(32).toString('base64');
    const processes: ServiceProcess[] = [];
    // Each service drains its own consumers and relay; none needs another to do so.
    stops.push(async () => {
      await Promise.all(processes.map((p) => p.stop()));
    });
    for (const name of SERVICE_NAMES) {
      signal?.throwIfAborted();
      const databaseUrl = await createDatabaseIfMissing(postgres.adminUrl, databases[name]);
      createdDatabases.push(databases[name]);
      processes.push(
        await startServiceProcess({
          name,
          port: ports[name],
          logFile: options.mode === 'test' ? join(runDir, `${name}.log`) : undefined,
          signal,
          env: {
            DATABASE_URL: databaseUrl,
            KAFKA_BROKERS: kafka.brokers.join(','),
            KAFKA_TOPIC_PREFIX: topicPrefix,
            PII_ENCRYPTION_KEY: key,
            INTERNAL_TOKEN_SECRET: internalTokenSecret,
            LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
            ...serviceEnv(name, urls, { sink, smtp }, options.apiKey, options.brandId),
          },
        }),
      );
    }
    return {
      gatewayUrl: urls.gateway,
      urls,
      sink,
      smtp,
      brokers: kafka.brokers,
      postgresAdminUrl: postgres.adminUrl,
      databases,
      topicPrefix,
      ...(options.mode === 'test' && { logDir: runDir }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
