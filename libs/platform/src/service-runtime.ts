import { brandClockConsumer } from './brand-clock/brand-clock.consumer';
import { brandClockMigrations } from './brand-clock/brand-clock.migrations';
import { brandClockRefreshJob } from './brand-clock/brand-clock-refresh.job';
import { createBrandAwareClock, type BrandAwareClock } from './brand-clock/brand-aware-clock';
import type { DestinationStream, Logger } from 'pino';
import { systemClock, type BrandClock } from './clock';
import { kafkaBrokers, type BaseConfig } from './config';
import { checkDatabase, createDatabase, type Database } from './db/database';
import { migrateToLatest, type Migration } from './db/migrations';
import { createHttpApp, type HttpApp } from './http/create-http-app';
import { createMetrics, type Metrics } from './http/metrics';
import { createLogger } from './logging/logger';
import { backgroundReadiness } from './lifecycle/background-readiness';
import { startEventConsumer, type EventHandlers } from './messaging/event-consumer';
import type { DeadLetterHook } from './messaging/dead-letter';
import type { RetryPolicy } from './messaging/event-retry';
import { connectProducer, createKafka } from './messaging/kafka';
import { describeCluster } from './messaging/kafka-admin';
import { messagingMigrations } from './messaging/messaging.migrations';
import type { Stoppable } from './messaging/outbox';
import { registerOutboxAdminRoutes } from './messaging/outbox-admin.routes';
import { registerParkedRowsGauge } from './messaging/outbox-parking';
import { outboxRelayJob } from './messaging/outbox-relay';
import { retentionJob } from './messaging/retention';
import { createJobMetrics } from './scheduling/job-metrics';
import type { ScheduledJob } from './scheduling/scheduled-job';
import { startScheduler } from './scheduling/scheduler';

/**
 * What `main.ts` wires and a test may replace: the validated config, the clock, and whatever
 * providers a service adds (an SMS gateway, a members client, a PII cipher …).
 */
export interface ServiceDeps<C extends BaseConfig = BaseConfig> {
  config: C;
  clock: BrandClock;
  /** Where log lines go; standard output when absent (a test may capture them). */
  logDestination?: DestinationStream;
}

/** What the platform builds for every service from its config. */
export interface PlatformParts {
  logger: Logger;
  metrics: Metrics;
  db: Database;
  /** The same object as `clock`: the service's clock, aware of sandbox brands. */
  brandClock: BrandAwareClock;
}

/** What a service's routes, consumers and jobs are given to do their work. */
export type ServiceContext<D extends ServiceDeps> = D & PlatformParts;

export interface ConsumerSpec {
  groupId: string;
  topics: string[];
  handlers: EventHandlers;
  retry?: RetryPolicy;
  onDeadLetter?: DeadLetterHook;
}

export interface ServiceDefinition<D extends ServiceDeps> {
  description: string;
  tags: { name: string; description: string }[];
  migrations: Migration[];
  routes: (app: HttpApp, context: ServiceContext<D>) => void | Promise<void>;
  consumers?: (context: ServiceContext<D>) => ConsumerSpec[];
  /** Recurring background work; the platform adds the outbox relay and the retention job. */
  jobs?: (context: ServiceContext<D>) => ScheduledJob[];
}

export interface RunningService {
  url: string;
  app: HttpApp;
  context: ServiceContext<ServiceDeps>;
  close: () => Promise<void>;
}

/** A service with its database migrated and its routes registered, not yet listening. */
export interface BuiltService {
  app: HttpApp;
  context: ServiceContext<ServiceDeps>;
  /** Listens, then starts the consumers and the scheduled jobs (the outbox relay among them). */
  start: () => Promise<RunningService>;
  /** Releases what building took (the database pool) for a service that never started. */
  close: () => Promise<void>;
}

/**
 * The composition root every service shares: builds the logger, metrics, database (migrated)
 * and HTTP app from the dependencies it is given. It never listens and never connects to
 * Kafka, so a test can `app.inject` against it; `start` does both.
 */
export async function buildService<D extends ServiceDeps>(
  definition: ServiceDefinition<D>,
  deps: D,
): Promise<BuiltService> {
  const { config } = deps;
  const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL, deps.logDestination);
  const metrics = createMetrics(config.SERVICE_NAME);
  const db = createDatabase(config.DATABASE_URL, { maxEventBytes: config.OUTBOX_MAX_EVENT_BYTES });
  await migrateToLatest(db, [
    ...messagingMigrations,
    ...brandClockMigrations,
    ...definition.migrations,
  ]);
  // Every rule of every service reads "now" for a brand through this clock (sandbox brands).
  const brandClock = createBrandAwareClock(deps.clock);
  await brandClock.refresh(db);
  const context: ServiceContext<D> = {
    ...deps,
    clock: brandClock,
    brandClock,
    logger,
    metrics,
    db,
  };

  const kafka = createKafka({
    brokers: kafkaBrokers(config),
    clientId: `${config.SERVICE_NAME}${config.KAFKA_CLIENT_ID_SUFFIX}`,
    logger,
  });
  const background = backgroundReadiness();
  const app = await createHttpApp({
    service: config.SERVICE_NAME,
    description: definition.description,
    logger,
    metrics,
    tags: definition.tags,
    callers: { internalTokenSecret: config.INTERNAL_TOKEN_SECRET },
    readiness: [
      { name: 'database', check: () => checkDatabase(db) },
      { name: 'kafka', check: async () => void (await describeCluster(kafka)) },
      ...background.checks,
    ],
  });
  await definition.routes(app, context);
  registerOutboxAdminRoutes(app, db);
  registerParkedRowsGauge(metrics.registry, db);
  const jobMetrics = createJobMetrics(metrics.registry);

  async function start(): Promise<RunningService> {
    const producer = await connectProducer(kafka);
    const relayProducer = await connectProducer(kafka);
    const url = await app.listen({ host: config.HOST, port: config.PORT });
    const consumers: Stoppable[] = [];
    const specs = definition.consumers?.(context) ?? [];
    // A service that consumes events follows the sandbox brands' clocks from their events.
    if (specs.length > 0) specs.push(brandClockConsumer(config.SERVICE_NAME, brandClock));
    for (const spec of specs) {
      consumers.push(
        await startEventConsumer({
          ...spec,
          // Environments sharing a cluster share no consumer group either.
          groupId: `${config.KAFKA_TOPIC_PREFIX}${spec.groupId}`,
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
    background.consumersJoined();
    const scheduler = startScheduler({
      jobs: [
        outboxRelayJob({
          db,
          producer: relayProducer,
          maxAttempts: config.OUTBOX_MAX_PUBLISH_ATTEMPTS,
          logger,
          metrics,
          pollMs: config.OUTBOX_POLL_MS,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
        }),
        retentionJob({
          db,
          // Housekeeping keeps the machine's time: a test or sandbox clock moved ahead must not
          // prune what redelivery protection still needs.
          clock: systemClock,
          logger,
          policy: {
            outboxDays: config.OUTBOX_RETENTION_DAYS,
            processedEventsDays: config.PROCESSED_EVENTS_RETENTION_DAYS,
            idempotentRequestsDays: config.IDEMPOTENCY_KEY_RETENTION_DAYS,
          },
        }),
        brandClockRefreshJob({ db, clock: brandClock, intervalMs: config.BRAND_CLOCK_REFRESH_MS }),
        ...(definition.jobs?.(context) ?? []),
      ],
      logger,
      metrics: jobMetrics,
    });
    background.schedulerStarted(scheduler);
    logger.info({ url }, `${config.SERVICE_NAME} started`);
    return {
      url,
      app,
      context,
      async close() {
        for (const consumer of consumers) await consumer.stop();
        await scheduler.stop();
        await app.close();
        await relayProducer.disconnect();
        await producer.disconnect();
        await db.destroy();
      },
    };
  }

  return {
    app,
    context,
    start,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
