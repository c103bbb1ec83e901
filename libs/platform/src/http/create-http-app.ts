import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { registerAjvFormats, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { documentRoutes, type NamedSchemas } from './documented-routes';
import { registerHealthRoutes, type ReadinessCheck } from './health.routes';
import { registerMetricsRoute, type Metrics } from './metrics';
import { openApiDocumentOptions, type OpenApiServer } from './openapi-document';
import type { DomainError } from '../errors/domain-error';
import { registerInputFormats } from './input-formats';
import { requireInternalIdentity } from './internal-identity.hook';
import { useDepthLimitedJson } from './json-body';
import { ProblemError, pathOf, problemFor, requestTargetError, sendProblem } from './problem';
import { validatorCompiler } from './validation';

export interface HttpAppOptions {
  service: string;
  description: string;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  /** Tags shown in the OpenAPI document; routes without a tag are hidden. */
  tags: { name: string; description: string }[];
  /** Where clients reach the API, for the OpenAPI document; by default where it was fetched from. */
  servers?: OpenApiServer[];
  /** Lets the gateway add the routes of the services behind it to its document. */
  transformOpenApi?: (document: Record<string, unknown>) => Record<string, unknown>;
  /** Largest request body in bytes; larger ones get 413. */
  bodyLimit?: number;
  /**
   * Who may call: a service admits only requests carrying the gateway's internal token signed
   * with this secret; only the gateway itself, the public front door, is `public`.
   */
  callers: { internalTokenSecret: string } | 'public';
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

registerAjvFormats();
registerInputFormats();

/** How long a client should wait when a dependency is down: about a restart of it. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The one place a service's Fastify instance is configured: TypeBox validation, OpenAPI,
 * problem+json errors, request ids that flow from the gateway, health and metrics.
 * It never listens; main.ts does, and tests use app.inject with the same options.
 */
export async function createHttpApp(options: HttpAppOptions) {
  const logger: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance: logger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    frameworkErrors: (error, request, reply) =>
      void sendProblem(reply, problemFor(requestTargetError(error), request)),
  })
    .setValidatorCompiler(validatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();
  useDepthLimitedJson(app);

  // Only origin-form targets (`/v1/...`): an absolute URL would be forwarded or logged as given.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.startsWith('/')) return done();
    done(
      new ProblemError(
        400,
        'INVALID_REQUEST_TARGET',
        'the request target must be a path',
        'request-target',
      ),
    );
  });

  if (options.callers !== 'public')
    requireInternalIdentity(app, { secret: options.callers.internalTokenSecret });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error: FastifyError | ProblemError | DomainError, request, reply) => {
    const problem = problemFor(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    if (problem.status === 503 && !reply.hasHeader('retry-after'))
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'https://laoke.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      detail: `${request.method} ${pathOf(request)} does not exist`,
      instance: pathOf(request),
    }),
  );

  const schemas: NamedSchemas = {};
  documentRoutes(app, schemas);
  await app.register(swagger, openApiDocumentOptions({ ...options, schemas }));
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerHealthRoutes(app, options.readiness);
  registerMetricsRoute(app, options.metrics);
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof createHttpApp>>;
export type { FastifyInstance };
