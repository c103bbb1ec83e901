import { createHttpApp, createLogger, createMetrics, type HttpApp } from '@laoke/platform';
import type { GatewayConfig } from './config';
import { registerAsyncApiRoute } from './docs/asyncapi.routes';
import { fetchServiceDocuments, mergeOpenApi } from './docs/merged-openapi';
import { parseApiKeys } from './domain/api-keys';
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
}

/** The gateway's composition root: the whole HTTP app, not yet listening. */
export async function buildApp({ config }: GatewayDeps): Promise<HttpApp> {
  const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const upstreams = upstreamsOf(config);
  const serviceDocuments = await fetchServiceDocuments(upstreams, (service, reason) =>
    logger.warn({ service, reason }, 'service API left out of the gateway docs'),
  );
  const app = await createHttpApp({
    service: config.SERVICE_NAME,
    description: 'The public Laoke API. Every /v1 call needs an x-api-key header.',
    logger,
    metrics: createMetrics(config.SERVICE_NAME),
    tags: [],
    servers: [{ url: config.GATEWAY_PUBLIC_URL, description: 'The Laoke API gateway' }],
    bodyLimit: BODY_LIMIT_BYTES,
    readiness: Object.entries(upstreams).map(([name, url]) => ({
      name,
      check: async () => {
        const response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2_000) });
        if (!response.ok) throw new Error(`answered ${response.status}`);
      },
    })),
    transformOpenApi: (document) => mergeOpenApi(document, serviceDocuments),
    callers: 'public',
  });
  await registerBrowserProtection(app, { consoleOrigin: config.GATEWAY_CONSOLE_ORIGIN });
  registerAsyncApiRoute(app);
  await registerForwardingRoutes(app, {
    clients: parseApiKeys(config.GATEWAY_API_KEYS),
    upstreams,
    rateLimitPerMinute: config.GATEWAY_RATE_LIMIT_PER_MINUTE,
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
