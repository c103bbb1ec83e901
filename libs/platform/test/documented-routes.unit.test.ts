import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../src/http/create-http-app';
import { problemResponses } from '../src/http/common.schemas';
import { ProblemError } from '../src/http/problem';
import { createLogger } from '../src/logging/logger';
import { createMetrics } from '../src/http/metrics';

const Sale = Type.Object(
  { amountFen: Type.Integer({ minimum: 0 }) },
  { $id: 'Sale', additionalProperties: false },
);
const Receipt = Type.Object({ receiptId: Type.String() }, { $id: 'Receipt' });

const anApp = () =>
  createHttpApp({
    service: 'test',
    description: 'a service under test',
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    readiness: [],
    tags: [{ name: 'sales', description: 'Sales' }],
    callers: 'public',
  });

type OpenApi = {
  info: { version: string; license: { identifier: string } };
  components: { schemas: Record<string, unknown> };
  paths: Record<string, Record<string, Record<string, any>>>;
};
const documentOf = async (app: Awaited<ReturnType<typeof anApp>>) => {
  await app.ready();
  return app.swagger() as unknown as OpenApi;
};

describe('a documented route, one with tags', () => {
  it.each([
    ['no operationId', { tags: ['sales'] }, /camelCase operationId/],
    ['an operationId not in camelCase', { tags: ['sales'], operationId: 'get-sale' }, /camelCase/],
    [
      'an unnamed response',
      { tags: ['sales'], operationId: 'getSale', response: { 200: Type.Object({}) } },
      /\$id/,
    ],
  ])('is refused at start-up with %s', async (_case, schema, message) => {
    const app = await anApp();
    expect(() => app.get('/v1/sales/:id', { schema }, () => ({}))).toThrow(message);
  });

  it('is refused when its operationId is already taken', async () => {
    const app = await anApp();
    app.get('/v1/sales', { schema: { tags: ['sales'], operationId: 'getSale' } }, () => ({}));
    expect(() =>
      app.get('/v1/sale', { schema: { tags: ['sales'], operationId: 'getSale' } }, () => ({})),
    ).toThrow(/already used/);
  });

  it('is refused when it gives another schema a name already taken', async () => {
    const app = await anApp();
    const route = (url: string, receipt: typeof Receipt) =>
      app.get(
        url,
        { schema: { tags: ['sales'], operationId: url.slice(4), response: { 200: receipt } } },
        () => ({ receiptId: 'r' }),
      );
    route('/v1/first', Receipt);
    expect(() =>
      route('/v1/second', Type.Object({ other: Type.String() }, { $id: 'Receipt' }) as never),
    ).toThrow(/two different schemas are named Receipt/);
  });

  it('is shown with its named schemas as components and its errors as problem+json', async () => {
    const app = await anApp();
    app.post(
      '/v1/sales',
      {
        schema: {
          tags: ['sales'],
          operationId: 'recordSale',
          body: Sale,
          response: { 201: Receipt, ...problemResponses(409) },
        },
      },
      () => ({ receiptId: 'r' }),
    );

    const document = await documentOf(app);

    expect(Object.keys(document.components.schemas).sort()).toEqual(['Problem', 'Receipt', 'Sale']);
    const operation = document.paths['/v1/sales']?.['post'];
    expect(operation?.['operationId']).toBe('recordSale');
    expect(operation?.['requestBody'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Sale',
    });
    expect(operation?.['responses']['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Receipt',
    });
    expect(Object.keys(operation?.['responses'] as object)).toEqual([
      '201',
      '400',
      '409',
      '413',
      '503',
    ]);
    for (const status of ['400', '409', '413', '503'])
      expect(operation?.['responses'][status].content).toEqual({
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      });
    expect(operation?.['responses']['503'].headers).toHaveProperty('Retry-After');
  });

  it('is in a document that states version and licence as package.json does', async () => {
    const pkg = JSON.parse(
      await readFile(join(import.meta.dirname, '../../../package.json'), 'utf8'),
    ) as { version: string; license: string };

    const { info } = await documentOf(await anApp());

    expect(info.version).toBe(pkg.version);
    expect(info.license.identifier).toBe(pkg.license);
  });

  it('is not checked when untagged or hidden, and stays out of the document', async () => {
    const app = await anApp();
    app.get('/internal', () => ({}));
    app.get('/hidden', { schema: { tags: ['sales'], hide: true } }, () => ({}));

    expect(Object.keys((await documentOf(app)).paths)).toEqual([]);
  });
});

describe('a documented route at work', () => {
  it('still validates with the TypeBox schema, without coercing a string into a number', async () => {
    const app = await anApp();
    app.post(
      '/v1/sales',
      {
        schema: {
          tags: ['sales'],
          operationId: 'recordSale',
          body: Sale,
          response: { 201: Receipt },
        },
      },
      async (_request, reply) => reply.status(201).send({ receiptId: 'r' }),
    );

    const response = await app.inject({
      method: 'POST',
      url: '/v1/sales',
      payload: { amountFen: '100' },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'amountFen' });
  });

  it('answers a dependency that is down with 503 and Retry-After, as documented', async () => {
    const app = await anApp();
    app.get('/v1/sales', { schema: { tags: ['sales'], operationId: 'listSales' } }, () => {
      throw new ProblemError(503, 'MEMBERS_UNAVAILABLE', 'members did not answer');
    });

    const response = await app.inject({ method: 'GET', url: '/v1/sales' });

    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });
});
