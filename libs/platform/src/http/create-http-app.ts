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
import { registerHealthRoutes, type ReadinessCheck } from './health.routes';
import { registerMetricsRoute, type Metrics } from './metrics';
import { problemFor, sendProblem, type ProblemError } from './problem';

export interface HttpAppOptions {
  service: string;
  description: string;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  /** Tags shown in the OpenAPI document; routes without a tag are hidden. */
  tags: { name: string; description: string }[];
  /** Lets the gateway add the routes of the services behind it to its document. */
  transformOpenApi?: (document: Record<string, unknown>) => Record<string, unknown>;
}

registerAjvFormats();

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

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `Laoke ${options.service}`, description: options.description, version: '1' },
      tags: options.tags,
    },
    hideUntagged: true,
    ...(options.transformOpenApi && {
      transformObject: (document) => {
        const openapi =
          'openapiObject' in document ? document.openapiObject : document.swaggerObject;
        return options.transformOpenApi?.(openapi) ?? openapi;
      },
    }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerHealthRoutes(app, options.readiness);
  registerMetricsRoute(app, options.metrics);
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof createHttpApp>>;
export type { FastifyInstance };
