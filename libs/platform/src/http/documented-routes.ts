import type { FastifyInstance, FastifySchema } from 'fastify';
import { problemResponses } from './common.schemas';

type Schema = Record<string, unknown>;

/** The named schemas of one service's API document: each body and response schema, by `$id`. */
export type NamedSchemas = Record<string, Schema>;

interface DocumentedRouteSchema extends FastifySchema {
  tags?: string[];
  hide?: boolean;
  operationId?: string;
  response?: Record<string, unknown>;
}

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null;

/** A schema's name in the API document is its `$id`. */
export const nameOf = (schema: unknown): string | undefined =>
  isObject(schema) && typeof schema['$id'] === 'string' ? schema['$id'] : undefined;

/** A response documents either one schema or one per media type (`content`). */
export const isMediaMap = (response: unknown): response is { content: Record<string, Schema> } =>
  isObject(response) && isObject(response['content']);

const bodiesOf = (response: unknown): unknown[] =>
  isMediaMap(response)
    ? Object.values(response.content).map((media) => media['schema'])
    : [response];

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;
const INPUTS = ['body', 'params', 'querystring', 'headers'] as const;

/**
 * Generated clients take their method names from operationIds and their type names from schema
 * names, so the platform refuses, at start-up, a documented (tagged) route that has no camelCase
 * operationId of its own or an unnamed body or response. It documents the errors every route may
 * give: 400 when it takes input, 413 when it takes a body, 503 (a dependency down) always.
 */
export function documentRoutes(app: FastifyInstance, schemas: NamedSchemas): void {
  const operationIds = new Set<string>();
  app.addHook('onRoute', (route) => {
    const schema = route.schema as DocumentedRouteSchema | undefined;
    // Fastify adds a HEAD route for each GET with the same schema; the document shows the GET.
    if (!schema?.tags || schema.hide || route.method === 'HEAD') return;
    const where = `${String(route.method)} ${route.url}`;
    const { operationId } = schema;
    if (!operationId || !CAMEL_CASE.test(operationId))
      throw new Error(`${where}: a documented route needs a camelCase operationId`);
    if (operationIds.has(operationId))
      throw new Error(`${where}: operationId ${operationId} is already used by another route`);
    operationIds.add(operationId);

    const takesInput = INPUTS.some((part) => schema[part] !== undefined);
    const statuses = [...(takesInput ? [400] : []), ...(schema.body ? [413] : []), 503];
    const response = { ...problemResponses(...statuses), ...schema.response };
    const bodies = [schema.body, ...Object.values(response).flatMap(bodiesOf)];
    for (const body of bodies.filter((b) => b !== undefined)) addNamed(schemas, where, body);
    route.schema = { ...schema, response };
  });
}

function addNamed(schemas: NamedSchemas, where: string, schema: unknown): void {
  const name = nameOf(schema);
  if (!name || !isObject(schema))
    throw new Error(`${where}: each body and response schema needs an $id, its name in the API`);
  const known = schemas[name];
  if (known && known !== schema && JSON.stringify(known) !== JSON.stringify(schema))
    throw new Error(`${where}: two different schemas are named ${name}`);
  schemas[name] = schema;
}
