import { describe, expect, it } from 'vitest';
import { mergeOpenApi } from '../src/docs/merged-openapi';

type PublicDocument = {
  paths: Record<
    string,
    Record<string, { security: unknown; parameters: { name: string }[]; responses: object }>
  >;
  components: {
    responses: Record<string, { headers?: object }>;
    securitySchemes: Record<string, object>;
  };
};

const gateway = {
  openapi: '3.1.0',
  info: { title: 'Laoke gateway', version: '0.1.0', license: { name: 'Apache 2.0' } },
  servers: [{ url: 'https://api.example.cn', description: 'The Laoke API gateway' }],
  paths: {},
  tags: [],
  components: { schemas: {} },
};

const Member = { type: 'object', properties: { memberId: { type: 'string' } } };
const membersService = {
  servers: [{ url: '/', description: 'The members service' }],
  tags: [{ name: 'members', description: 'Members' }],
  paths: {
    '/v1/members/{memberId}': {
      get: {
        operationId: 'getMember',
        parameters: [
          { in: 'path', name: 'memberId' },
          { in: 'header', name: 'x-laoke-brand-id' },
        ],
        responses: {
          200: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Member' } } },
          },
        },
      },
    },
    '/internal/rebuild': { post: { operationId: 'rebuild', responses: {} } },
  },
  components: { schemas: { Member } },
};

describe('the merged public API document', () => {
  it("keeps the gateway's server and licence and takes each service's /v1 routes and schemas", () => {
    const merged = mergeOpenApi(gateway, [membersService]);

    expect(merged['servers']).toEqual(gateway.servers);
    expect(merged['info']).toMatchObject({ title: 'Laoke API', license: gateway.info.license });
    expect(Object.keys(merged['paths'] as object)).toEqual(['/v1/members/{memberId}']);
    expect(merged['tags']).toEqual(membersService.tags);
    expect((merged['components'] as { schemas: object }).schemas).toEqual({ Member });
  });

  it('shows each operation as the public sees it: API key, no brand header, 401 and 429 from the gateway', () => {
    const merged = mergeOpenApi(gateway, [membersService]) as PublicDocument;
    const operation = merged.paths['/v1/members/{memberId}']?.['get'];

    expect(operation?.security).toEqual([{ apiKey: [] }]);
    expect(operation?.parameters.map((p) => p.name)).toEqual(['memberId']);
    expect(operation?.responses).toMatchObject({
      401: { $ref: '#/components/responses/Unauthorized' },
      429: { $ref: '#/components/responses/TooManyRequests' },
    });
    expect(merged.components.responses['TooManyRequests']?.headers).toHaveProperty('Retry-After');
    expect(merged.components.securitySchemes['apiKey']).toMatchObject({
      in: 'header',
      name: 'x-api-key',
    });
  });

  it('refuses two services that give different schemas one name', () => {
    const loyaltyService = { paths: {}, components: { schemas: { Member: { type: 'string' } } } };

    expect(() => mergeOpenApi(gateway, [membersService, loyaltyService])).toThrow(/Member/);
  });
});
