import replyFrom from '@fastify/reply-from';
import {
  INTERNAL_TOKEN_HEADER,
  ProblemError,
  mintInternalToken,
  systemClock,
  type HttpApp,
} from '@laoke/platform';
import type { ApiClient } from '../domain/api-keys';
import { FORWARDED_ROUTES, accessOf, type ForwardedRoute, type Upstream } from './route-table';
import { replyUpstreamFailure } from './upstream-failure';

declare module 'fastify' {
  interface FastifyRequest {
    apiClient?: ApiClient;
  }
}

/**
 * What a service receives: the caller's headers without its credential and without any
 * `x-laoke-*` identity header it tried to set, plus one internal token, minted here from the
 * authenticated client and signed with the shared secret, that says who calls (brand, store,
 * roles, actor); the services verify it and take the identity from it alone.
 */
export function forwardedHeaders<H extends object>(
  headers: H,
  client: ApiClient | undefined,
  requestId: string,
  signing: { secret: string; now: Date },
): H {
  const kept = Object.entries(headers).filter(([name]) => {
    const lower = name.toLowerCase();
    // The caller's credential (an API key or a staff bearer token) stays at the gateway.
    return lower !== 'x-api-key' && lower !== 'authorization' && !lower.startsWith('x-laoke-');
  });
  return {
    ...Object.fromEntries(kept),
    ...(client && {
      [INTERNAL_TOKEN_HEADER]: mintInternalToken(
        {
          brandId: client.brandId,
          ...(client.storeId !== undefined && { storeId: client.storeId }),
          roles: client.roles,
          actor: client.actor,
          requestId,
        },
        signing,
      ),
    }),
    'x-request-id': requestId,
  } as H;
}

/**
 * Forwards each public route to its service; `registerAuthentication` has already checked the
 * caller, its rate and its right to the route (the `access` each route declares). The caller's
 * brand is set from its credential (any brand header the caller sent is replaced) and the
 * request id travels on.
 */
export async function registerForwardingRoutes(
  app: HttpApp,
  deps: {
    upstreams: Record<Upstream, string>;
    internalTokenSecret: string;
    timeoutOf: (route: ForwardedRoute) => number;
  },
): Promise<void> {
  // Fastify logs each request already; reply-from's own lines would log the upstream URL.
  await app.register(replyFrom, {
    undici: { connections: 64, pipelining: 1 },
    disableRequestLogging: true,
  });

  const forward = (scope: HttpApp, route: ForwardedRoute) =>
    scope.route({
      method: route.method,
      url: route.url,
      schema: { hide: true },
      config: { access: accessOf(route) },
      handler: (request, reply) =>
        reply.from(`${deps.upstreams[route.upstream]}${request.url}`, {
          timeout: deps.timeoutOf(route),
          rewriteRequestHeaders: (_req, headers) =>
            forwardedHeaders(headers, request.apiClient, request.id, {
              secret: deps.internalTokenSecret,
              now: systemClock.now(),
            }),
          onError: (failed, { error }) => replyUpstreamFailure(failed, route.upstream, error),
        }),
    });
  for (const route of FORWARDED_ROUTES.filter((r) => !r.streamedBody)) forward(app, route);
  for (const route of FORWARDED_ROUTES) {
    const { streamedBody } = route;
    if (streamedBody) await app.register(streamedBodyScope(route, streamedBody, forward));
  }
}

/**
 * A route whose body (a member file) streams through to the service unparsed: only its media
 * types are accepted (415 otherwise), and a declared length over its own limit is 413 here; the
 * service counts the bytes that actually arrive.
 */
function streamedBodyScope(
  route: ForwardedRoute,
  body: NonNullable<ForwardedRoute['streamedBody']>,
  forward: (scope: HttpApp, route: ForwardedRoute) => void,
) {
  return (scope: HttpApp, _options: unknown, done: () => void) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(body.mediaTypes, (request, payload, parsed) => {
      if (Number(request.headers['content-length'] ?? 0) > body.maxBytes)
        return parsed(
          new ProblemError(
            413,
            'BODY_TOO_LARGE',
            `the body is larger than ${body.maxBytes} bytes`,
            'body',
          ),
          undefined,
        );
      parsed(null, payload);
    });
    forward(scope, route);
    done();
  };
}
