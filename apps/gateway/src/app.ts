import {
  checkDatabase,
  createDatabase,
  createHttpApp,
  createLogger,
  createMetrics,
  migrateToLatest,
  systemClock,
  type Clock,
  type HttpApp,
} from '@laoke/platform';
import { gatewayMigrations } from '../migrations';
import type { GatewayConfig } from './config';
import { accessTokenSigningKey } from './data/signing-key.repository';
import { registerAsyncApiRoute } from './docs/asyncapi.routes';
import { fetchServiceDocuments, mergeOpenApi } from './docs/merged-openapi';
import { parseApiKeys } from './domain/api-keys';
import { registerApiClientRoutes } from './http/api-clients.routes';
import { registerAuthRoutes } from './http/auth.routes';
import { registerAuthentication } from './http/authentication';
import { registerBrowserProtection } from './http/browser-protection';
import { registerForwardingRoutes } from './http/forwarding.routes';
import { upstreamTimeouts } from './http/upstream-timeouts';
import type { Upstream } from './http/route-table';

export interface RunningGateway {
  url: string;
  app: HttpApp;
  close: () => Promise<void>;
}

const upstreamsOf = (config: GatewayConfig): Record<Upstream, string> => ({
  members: config.MEMBERS_URL,
  loyalty: config.LOYALTY_URL,
  campaigns: config.CAMPAIGNS_URL,
  notifications: config.NOTIFICATIONS_URL,
});

/** The same limit as each service's, so the gateway refuses what they would refuse anyway. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** What `main.ts` wires and a test may replace. */
export interface GatewayDeps {
  config: GatewayConfig;
  /** The platform's time: token expiry, lockouts, rate windows (no brand's business rule). */
  clock?: Clock;
}

/** The gateway's composition root: the whole HTTP app, its database migrated, not yet listening. */
export async function buildApp({ config, clock = systemClock }: GatewayDeps): Promise<HttpApp> {
  const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const db = createDatabase(config.DATABASE_URL);
  await migrateToLatest(db, gatewayMigrations);
  const signingKey = await accessTokenSigningKey(db);
  const upstreams = upstreamsOf(config);
  const serviceDocuments = await fetchServiceDocuments(upstreams, (service, reason) =>
    logger.warn({ service, reason }, 'service API left out of the gateway docs'),
  );
  const app = await createHttpApp({
    service: config.SERVICE_NAME,
    description:
      'The public Laoke API. Every /v1 call needs an x-api-key header or a staff bearer token.',
    logger,
    metrics: createMetrics(config.SERVICE_NAME),
    tags: [{ name: 'credentials', description: 'API clients, staff accounts and log-in' }],
    servers: [{ url: config.GATEWAY_PUBLIC_URL, description: 'The Laoke API gateway' }],
    bodyLimit: BODY_LIMIT_BYTES,
    readiness: [
      { name: 'database', check: () => checkDatabase(db) },
      ...Object.entries(upstreams).map(([name, url]) => ({
        name,
        check: async () => {
          const response = await fetch(`${url}/health/live`, {
            signal: AbortSignal.timeout(2_000),
          });
          if (!response.ok) throw new Error(`answered ${response.status}`);
        },
      })),
    ],
    transformOpenApi: (document) => mergeOpenApi(document, serviceDocuments),
    callers: 'public',
  });
  app.addHook('onClose', () => db.destroy());
  // Before authentication, so a browser's pre-check is answered without credentials.
  await registerBrowserProtection(app, { consoleOrigin: config.GATEWAY_CONSOLE_ORIGIN });
  const credentials = { db, clock };
  registerAuthentication(app, {
    ...credentials,
    bootstrapKeys: parseApiKeys(config.GATEWAY_API_KEYS),
    signingKey,
    rateLimitPerMinute: config.GATEWAY_RATE_LIMIT_PER_MINUTE,
  });
  registerAsyncApiRoute(app);
  registerApiClientRoutes(app, credentials);
  registerAuthRoutes(app, {
    ...credentials,
    signingKey,
    policy: {
      maxFailures: config.GATEWAY_LOGIN_MAX_FAILURES,
      lockoutSeconds: config.GATEWAY_LOGIN_LOCKOUT_SECONDS,
      accessTokenSeconds: config.GATEWAY_ACCESS_TOKEN_SECONDS,
      refreshTokenSeconds: config.GATEWAY_REFRESH_TOKEN_SECONDS,
    },
  });
  await registerForwardingRoutes(app, {
    upstreams,
    internalTokenSecret: config.INTERNAL_TOKEN_SECRET,
    timeoutOf: upstreamTimeouts(
      config.GATEWAY_UPSTREAM_TIMEOUT_MS,
      config.GATEWAY_ROUTE_TIMEOUTS_MS,
    ),
  });
  return app;
}

export async function startGateway(deps: GatewayDeps): Promise<RunningGateway> {
  const app = await buildApp(deps);
  const url = await app.listen({ host: deps.config.HOST, port: deps.config.PORT });
  app.log.info({ url, docs: `${url}/docs` }, 'gateway started');
  return { url, app, close: () => app.close() };
}
