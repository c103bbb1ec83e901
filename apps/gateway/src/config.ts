import { Type, type Static } from 'typebox';
import { HttpConfigProperties, loadConfig } from '@laoke/platform';

export const GatewayConfigProperties = {
  ...HttpConfigProperties,
  MEMBERS_URL: Type.String({ minLength: 1 }),
  LOYALTY_URL: Type.String({ minLength: 1 }),
  CAMPAIGNS_URL: Type.String({ minLength: 1 }),
  NOTIFICATIONS_URL: Type.String({ minLength: 1 }),
  /** The gateway's own database: API clients, staff log-ins, rate-limit counters. */
  DATABASE_URL: Type.String({ minLength: 1 }),
  /** `key=brandId` pairs, comma-separated. No default: a gateway without keys admits nobody. */
  GATEWAY_API_KEYS: Type.String({ minLength: 3 }),
  /** The address integrators call, shown in the API document; `/` means where it was fetched from. */
  GATEWAY_PUBLIC_URL: Type.String({ minLength: 1, default: '/' }),
  /** Calls one credential may make per minute, counted across all gateway instances. */
  GATEWAY_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 12_000 }),
  /** How long a service may take to answer before the caller gets 504. */
  GATEWAY_UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 10_000 }),
  /** Routes that may take longer (or must answer sooner): `METHOD /route=ms`, comma-separated. */
  GATEWAY_ROUTE_TIMEOUTS_MS: Type.String({ default: 'POST /v1/member-imports=120000' }),
  /** The one browser origin (the console) allowed to call the API; none when unset. */
  GATEWAY_CONSOLE_ORIGIN: Type.Optional(Type.String({ pattern: '^https?://[^/\\s]+$' })),
  /** Wrong passwords in a row that lock a staff account, and for how long. */
  GATEWAY_LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  GATEWAY_LOGIN_LOCKOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 86_400, default: 900 }),
  GATEWAY_ACCESS_TOKEN_SECONDS: Type.Integer({ minimum: 30, maximum: 3_600, default: 900 }),
  GATEWAY_REFRESH_TOKEN_SECONDS: Type.Integer({
    minimum: 300,
    maximum: 90 * 86_400,
    default: 30 * 86_400,
  }),
};

export type GatewayConfig = Static<ReturnType<typeof Type.Object<typeof GatewayConfigProperties>>>;

export const loadGatewayConfig = (env = process.env): GatewayConfig =>
  loadConfig(GatewayConfigProperties, env);
