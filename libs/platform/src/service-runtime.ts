import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaBrokers, type BaseConfig } from './config';
import { checkDatabase, createDatabase, type Database } from './db/database';
import { migrateToLatest, type Migration } from './db/migrations';
import { createHttpApp, type HttpApp } from './http/create-http-app';
import { createMetrics, type Metrics } from './http/metrics';
import { createLogger } from './logging/logger';
import { startEventConsumer, type EventHandlers } from './messaging/event-consumer';
import { connectProducer, createKafka } from './messaging/kafka';
import { describeCluster } from './messaging/kafka-admin';
import { messagingMigrations } from './messaging/messaging.migrations';
import { startOutboxRelay, type Stoppable } from './messaging/outbox';
import { startRetentionWorker } from './messaging/retention';

/** What a service's routes, consumers and workers are given to do their work. */
export interface ServiceContext<C extends BaseConfig> {
  config: C;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  kafka: Kafka;
  producer: Producer;
}

export interface ConsumerSpec {
  groupId: string;
  topics: string[];
  handlers: EventHandlers;
}

export interface ServiceDefinition<C extends BaseConfig> {
  description: string;
  tags: { name: string; description: string }[];
  migrations: Migration[];
  routes: (app: HttpApp, context: ServiceContext<C>) => void | Promise<void>;
  consumers?: (context: ServiceContext<C>) => ConsumerSpec[];
  /** Background loops (schedulers); each must stop when asked. */
  workers?: (context: ServiceContext<C>) => Stoppable[];
}

export interface RunningService {
  url: string;
  app: HttpApp;
  context: ServiceContext<BaseConfig>;
  close: () => Promise<void>;
}

/**
 * Starts a service in the order its dependencies need: database and migrations, Kafka,
 * HTTP, consumers, outbox relay and workers; `close` stops them in reverse.
 */
export async function startService<C extends BaseConfig>(
  definition: ServiceDefinition<C>,
  config: C,
): Promise<RunningService> {
  const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const metrics = createMetrics(config.SERVICE_NAME);
  const db = createDatabase(config.DATABASE_URL);
  await migrateToLatest(db, [...messagingMigrations, ...definition.migrations]);

  const kafka = createKafka({
    brokers: kafkaBrokers(config),
    clientId: `${config.SERVICE_NAME}${config.KAFKA_CLIENT_ID_SUFFIX}`,
    logger,
  });
  const producer = await connectProducer(kafka);
  const context: ServiceContext<C> = { config, logger, metrics, db, kafka, producer };

  const app = await createHttpApp({
    service: config.SERVICE_NAME,
    description: definition.description,
    logger,
    metrics,
    tags: definition.tags,
    readiness: [
      { name: 'database', check: () => checkDatabase(db) },
      { name: 'kafka', check: async () => void (await describeCluster(kafka)) },
    ],
  });
  await definition.routes(app, context);
  const url = await app.listen({ host: config.HOST, port: config.PORT });

  const background: Stoppable[] = [];
  for (const spec of definition.consumers?.(context) ?? []) {
    background.push(
      await startEventConsumer({
        ...spec,
        kafka,
        db,
        producer,
        service: config.SERVICE_NAME,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        logger,
        metrics,
      }),
    );
  }
  background.push(
    startOutboxRelay({
      db,
      producer,
      logger,
      metrics,
      pollMs: config.OUTBOX_POLL_MS,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
    }),
  );
  background.push(
    startRetentionWorker({
      db,
      logger,
      policy: {
        outboxDays: config.OUTBOX_RETENTION_DAYS,
        processedEventsDays: config.PROCESSED_EVENTS_RETENTION_DAYS,
      },
    }),
  );
  background.push(...(definition.workers?.(context) ?? []));
  logger.info({ url }, `${config.SERVICE_NAME} started`);

  return {
    url,
    app,
    context,
    async close() {
      for (const part of background.reverse()) await part.stop();
      await app.close();
      await producer.disconnect();
      await db.destroy();
    },
  };
}
