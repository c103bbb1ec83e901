import {
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import type { FastifyRequest } from 'fastify';
import type { ApiClientRecord } from '../data/api-clients.repository';
import {
  apiClientOf,
  apiClientsPage,
  createApiClient,
  revokeApiClient,
  rotateApiClientKey,
  type CredentialsDeps,
} from '../domain/api-clients.use-case';
import type { ApiClient } from '../domain/api-keys';
import { CREDENTIALS_SCOPE, type Access } from '../domain/roles';
import {
  ApiClientParams,
  ApiClientResponse,
  CreateApiClientBody,
  IssuedApiKeyResponse,
} from './credentials.schemas';

/** Brand admins, and the operator's bootstrap keys, manage their brand's credentials. */
export const MANAGE_CREDENTIALS: Access = {
  roles: ['brand-admin', 'integration'],
  scope: CREDENTIALS_SCOPE,
};

const config = { access: MANAGE_CREDENTIALS };
const tags = ['credentials'];

/** Set by registerAuthentication before any handler runs. */
export const callerOf = (request: FastifyRequest): ApiClient => request.apiClient as ApiClient;

const present = (client: ApiClientRecord) => ({
  apiClientId: client.id,
  kind: client.kind,
  name: client.name,
  storeId: client.storeId,
  scopes: client.scopes,
  createdBy: client.createdBy,
  createdAt: client.createdAt.toISOString(),
  rotatedAt: client.rotatedAt?.toISOString() ?? null,
  revokedAt: client.revokedAt?.toISOString() ?? null,
});

/** POS device and integration keys of the caller's brand: issued, listed, rotated, revoked. */
export function registerApiClientRoutes(app: HttpApp, deps: CredentialsDeps): void {
  app.post(
    '/v1/api-clients',
    {
      config,
      schema: {
        tags,
        operationId: 'createApiClient',
        summary: 'Issue a POS device key (one store) or an integration key (scopes); shown once',
        body: CreateApiClientBody,
        response: { 201: IssuedApiKeyResponse, ...problemResponses(403) },
      },
    },
    async (request, reply) => {
      const issued = await createApiClient(deps, callerOf(request), request.body);
      return reply.status(201).send({ ...present(issued.client), key: issued.key });
    },
  );

  app.get(
    '/v1/api-clients',
    {
      config,
      schema: {
        tags,
        operationId: 'listApiClients',
        summary: "The brand's API clients, revoked ones too; never their keys",
        querystring: PageQuery,
        response: { 200: pageOf(ApiClientResponse), ...problemResponses(403) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await apiClientsPage(deps, callerOf(request).brandId, page);
      return toPage(
        rows,
        page.limit,
        (c) => ({ key: c.createdAt.toISOString(), id: c.id }),
        present,
      );
    },
  );

  app.get(
    '/v1/api-clients/:apiClientId',
    {
      config,
      schema: {
        tags,
        operationId: 'getApiClient',
        summary: 'One API client of the brand, without its key',
        params: ApiClientParams,
        response: { 200: ApiClientResponse, ...problemResponses(403, 404) },
      },
    },
    async (request) =>
      present(await apiClientOf(deps, callerOf(request).brandId, request.params.apiClientId)),
  );

  app.post(
    '/v1/api-clients/:apiClientId/rotate',
    {
      config,
      schema: {
        tags,
        operationId: 'rotateApiClientKey',
        summary: 'A new key for the client, shown once; the old key is refused from now on',
        params: ApiClientParams,
        response: { 200: IssuedApiKeyResponse, ...problemResponses(403, 404, 422) },
      },
    },
    async (request) => {
      const { brandId } = callerOf(request);
      const issued = await rotateApiClientKey(deps, brandId, request.params.apiClientId);
      return { ...present(issued.client), key: issued.key };
    },
  );

  app.post(
    '/v1/api-clients/:apiClientId/revoke',
    {
      config,
      schema: {
        tags,
        operationId: 'revokeApiClient',
        summary: 'Revoke the client: its key is refused from the next call, at every gateway',
        params: ApiClientParams,
        response: { 200: ApiClientResponse, ...problemResponses(403, 404) },
      },
    },
    async (request) =>
      present(await revokeApiClient(deps, callerOf(request).brandId, request.params.apiClientId)),
  );
}
