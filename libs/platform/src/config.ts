import envSchema from 'env-schema';
import { Type, type Static, type TProperties } from 'typebox';

/** Settings every HTTP service reads. */
export const HttpConfigProperties = {
  SERVICE_NAME: Type.String({ minLength: 1 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /**
   * Signs the internal token the gateway sends each service (who calls: brand, roles, actor).
   * The same value for the gateway and every service; no default, like every secret.
   */
  INTERNAL_TOKEN_SECRET: Type.String({ minLength: 32 }),
} satisfies TProperties;

/** Settings of a service that owns a database and takes part in events; services extend these. */
export const BaseConfigProperties = {
  ...HttpConfigProperties,
  DATABASE_URL: Type.String({ minLength: 1 }),
  KAFKA_BROKERS: Type.String({ minLength: 1 }),
  KAFKA_CLIENT_ID_SUFFIX: Type.String({ default: '' }),
  /** Lets several environments (or test runs) share one Kafka cluster without seeing each other. */
  KAFKA_TOPIC_PREFIX: Type.String({ default: '', pattern: '^[a-zA-Z0-9._-]*$' }),
  OUTBOX_POLL_MS: Type.Integer({ minimum: 10, default: 200 }),
  /** Events larger than this are refused before commit; keep it under the broker's message.max.bytes. */
  OUTBOX_MAX_EVENT_BYTES: Type.Integer({ minimum: 1_024, maximum: 1_000_000, default: 262_144 }),
  /** Publish attempts before the relay sets a row the broker keeps refusing aside. */
  OUTBOX_MAX_PUBLISH_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  OUTBOX_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 7 }),
  PROCESSED_EVENTS_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  IDEMPOTENCY_KEY_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 7 }),
  /** How often each replica reloads the sandbox brands' clocks from its projection. */
  BRAND_CLOCK_REFRESH_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 1_000 }),
} satisfies TProperties;

export type BaseConfig = Static<ReturnType<typeof Type.Object<typeof BaseConfigProperties>>>;

/**
 * Validates the environment once at start-up; a missing or malformed setting stops the
 * service with a message naming it, rather than failing later.
 */
export function loadConfig<P extends TProperties>(
  properties: P,
  env: Record<string, string | undefined> = process.env,
): Static<ReturnType<typeof Type.Object<P>>> {
  const schema = Type.Object(properties);
  return envSchema({ schema, data: env, dotenv: false });
}

export const kafkaBrokers = (config: Pick<BaseConfig, 'KAFKA_BROKERS'>): string[] =>
  config.KAFKA_BROKERS.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
