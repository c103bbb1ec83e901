import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../clock';
import { INTERNAL_TOKEN_HEADER, identityHeadersOf, verifyInternalToken } from './internal-identity';
import { pathOf, unauthorized } from './problem';

/**
 * What a service answers without a token: liveness and readiness (orchestrators), metrics
 * (the scraper), the OpenAPI document (the gateway merges it; it is public at the gateway) and
 * providers' webhooks, which providers call directly and which check their own shared secret.
 */
const isOpenPath = (path: string) =>
  path.startsWith('/health/') ||
  path === '/metrics' ||
  path === '/docs' ||
  path.startsWith('/docs/') ||
  path.startsWith('/v1/webhooks/');

/**
 * A service trusts no caller's word for who it is: every other request needs a valid internal
 * token from the gateway (401 before routing otherwise), and the x-laoke-* identity headers the
 * routes read are replaced by what the token states, whatever the caller sent.
 */
export function requireInternalIdentity(
  app: FastifyInstance,
  options: { secret: string; clock?: Clock },
): void {
  const clock = options.clock ?? systemClock;
  app.addHook('onRequest', (request, _reply, done) => {
    if (isOpenPath(pathOf(request))) return done();
    const token = request.headers[INTERNAL_TOKEN_HEADER];
    const identity =
      typeof token === 'string'
        ? verifyInternalToken(token, { secret: options.secret, now: clock.now() })
        : undefined;
    if (!identity) return done(unauthorized('a valid internal token is required'));
    for (const name of Object.keys(request.headers))
      if (name.startsWith('x-laoke-') && name !== INTERNAL_TOKEN_HEADER)
        delete request.headers[name];
    Object.assign(request.headers, identityHeadersOf(identity));
    done();
  });
}
