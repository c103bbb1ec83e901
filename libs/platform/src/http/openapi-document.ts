import { STATUS_CODES } from 'node:http';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { isMediaMap, nameOf, type NamedSchemas } from './documented-routes';

/** Who publishes the API and under which licence; a unit test keeps these equal to package.json. */
export const API_INFO = {
  version: '0.1.0',
  license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
  contact: { name: 'Laoke maintainers', url: 'https://laoke.dev' },
};

export interface OpenApiServer {
  url: string;
  description: string;
}

export interface OpenApiDocumentOptions {
  service: string;
  description: string;
  tags: { name: string; description: string }[];
  /** Where clients reach the API; by default wherever the document was fetched from. */
  servers?: OpenApiServer[];
  /** Filled by documentRoutes as routes are added; read when the document is first asked for. */
  schemas: NamedSchemas;
  transformOpenApi?: (document: Record<string, unknown>) => Record<string, unknown>;
}

const reference = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const referenced = (schema: unknown) => {
  const name = nameOf(schema);
  return name ? reference(name) : schema;
};

function documentedResponse(status: string, response: unknown): unknown {
  if (isMediaMap(response)) {
    const content = Object.entries(response.content).map(([type, media]): [string, object] => [
      type,
      { ...media, schema: referenced(media['schema']) },
    ]);
    return { ...response, content: Object.fromEntries(content) };
  }
  const name = nameOf(response);
  if (!name) return response;
  return {
    description: STATUS_CODES[Number(status)] ?? name,
    content: { 'application/json': { schema: reference(name) } },
  };
}

/**
 * Routes keep their full schemas (Fastify validates and serialises with them); the document
 * shows each named body and response once, under components, and refers to it.
 */
function referenceNamedSchemas(schema: FastifySchema): FastifySchema {
  const responses = Object.entries((schema.response ?? {}) as Record<string, unknown>);
  return {
    ...schema,
    body: referenced(schema.body),
    response: Object.fromEntries(responses.map(([s, r]) => [s, documentedResponse(s, r)])),
  };
}

/** @fastify/swagger options: OpenAPI 3.1 with named component schemas, only tagged routes. */
export function openApiDocumentOptions(
  options: OpenApiDocumentOptions,
): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: { title: `Laoke ${options.service}`, description: options.description, ...API_INFO },
      servers: options.servers ?? [{ url: '/', description: `The ${options.service} service` }],
      tags: options.tags,
      components: { schemas: options.schemas },
    },
    hideUntagged: true,
    // Schemas nested in a named one (a page's items) are named by their own $id too.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => nameOf(json) ?? `def-${i}` },
    transform: ({ schema, url }) => ({ schema: schema && referenceNamedSchemas(schema), url }),
    ...(options.transformOpenApi && {
      transformObject: (document) => {
        const openapi =
          'openapiObject' in document ? document.openapiObject : document.swaggerObject;
        return options.transformOpenApi?.(openapi) ?? openapi;
      },
    }),
  };
}
