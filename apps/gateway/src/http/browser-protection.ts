import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { HttpApp } from '@laoke/platform';

/**
 * Security headers on every answer, and CORS for the console's origin alone: a browser page of
 * any other origin cannot read an answer. Registered before authentication, so a preflight
 * (which carries no API key) is answered here.
 */
export async function registerBrowserProtection(
  app: HttpApp,
  options: { consoleOrigin: string | undefined },
): Promise<void> {
  await app.register(helmet, { global: true });
  await app.register(cors, {
    // A list, not a string: the origin is echoed only to the console, never sent to any other.
    origin: options.consoleOrigin ? [options.consoleOrigin] : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['x-api-key', 'content-type', 'idempotency-key', 'if-match', 'x-request-id'],
    exposedHeaders: ['etag', 'location', 'retry-after', 'x-request-id'],
    maxAge: 600,
  });
}
