import { ProblemError, pathOf, unauthorized, type Clock, type HttpApp } from '@laoke/platform';
import type { FastifyRequest } from 'fastify';
import { countCall } from '../data/rate-limit.repository';
import { verifyAccessToken } from '../domain/access-tokens';
import type { ApiClient } from '../domain/api-keys';
import { clientForKey, type CredentialsDeps } from '../domain/api-clients.use-case';
import { refusal, type Access } from '../domain/roles';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; a /v1 route without it admits nobody. */
    access?: Access;
    /** Reached without a credential (log-in, refresh, log-out carry their own proof). */
    public?: boolean;
  }
}

export interface AuthenticationDeps extends CredentialsDeps {
  clock: Clock;
  bootstrapKeys: Map<string, ApiClient>;
  signingKey: Buffer;
  rateLimitPerMinute: number;
}

const RATE_WINDOW_MS = 60_000;

/** Every path of the public API, whether a route answers it or not. */
const isPublicApi = (path: string) => path === '/v1' || path.startsWith('/v1/');

const headerOf = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** An API key (`x-api-key`) or a staff access token (`authorization: Bearer …`). */
async function credentialOf(
  deps: AuthenticationDeps,
  request: FastifyRequest,
): Promise<ApiClient | undefined> {
  const key = headerOf(request, 'x-api-key');
  if (key) return clientForKey(deps, deps.bootstrapKeys, key);
  const bearer = /^Bearer ([\w.-]{1,4096})$/.exec(headerOf(request, 'authorization') ?? '');
  return bearer?.[1] ? verifyAccessToken(deps.signingKey, bearer[1], deps.clock.now()) : undefined;
}

/**
 * The public entry's checks, in order: a credential for every /v1 call (before routing tells a
 * stranger anything), the credential's calls per minute counted across every gateway instance,
 * then whether its role (and, for an integration key, its scope) may call the route.
 */
export function registerAuthentication(app: HttpApp, deps: AuthenticationDeps): void {
  app.addHook('onRequest', async (request) => {
    if (!isPublicApi(pathOf(request)) || request.routeOptions.config.public) return;
    const client = await credentialOf(deps, request);
    if (!client) throw unauthorized('a valid x-api-key header or bearer access token is required');
    request.apiClient = client;
  });

  app.addHook('preHandler', async (request, reply) => {
    const client = request.apiClient;
    if (!client) return;
    const now = deps.clock.now();
    const { calls, windowStart } = await countCall(deps.db, client.actor, now, RATE_WINDOW_MS);
    if (calls > deps.rateLimitPerMinute) {
      const ends = windowStart.getTime() + RATE_WINDOW_MS;
      const seconds = Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
      reply.header('retry-after', String(seconds));
      throw new ProblemError(
        429,
        'RATE_LIMITED',
        `too many calls for this credential; retry in ${seconds} seconds`,
      );
    }
    // No route answers this path: the caller, authenticated, learns that it is not found.
    if (request.is404) return;
    const { access } = request.routeOptions.config;
    const refused = access
      ? refusal(client, access, request.method)
      : 'this route admits no credential';
    if (refused) throw new ProblemError(403, 'FORBIDDEN', refused);
  });
}
