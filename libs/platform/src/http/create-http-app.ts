import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  TypeBoxValidatorCompiler,
  registerAjvFormats,
  type TypeBoxTypeProvider,
} from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { documentRoutes, type NamedSchemas } from './documented-routes';
import { registerHealthRoutes, type ReadinessCheck } from './health.routes';
import { registerMetricsRoute, type Metrics } from './metrics';
import { openApiDocumentOptions, type OpenApiServer } from './openapi-document';
import { problemFor, sendProblem, type ProblemError } from './problem';

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
}

registerAjvFormats();

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
    bodyLimit: 1024 * 1024,
  })
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
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
      detail: `${request.method} ${request.url} does not exist`,
      instance: request.url,
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
