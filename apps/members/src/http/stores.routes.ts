import {
  BrandScopeHeaders,
  Closed,
  Identifier,
  Uuid,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import type { Store } from '../domain/organisation/organisation';
import {
  getStore,
  listStores,
  saveStore,
  type StoreDeps,
} from '../domain/organisation/stores.use-case';
import { StoreBody, StoreListQuery, StoreResponse } from './organisation.schemas';

const StoreParams = Closed({ storeId: Uuid() });
/** A POS knows its store by code: reading a store takes either. */
const StoreRefParams = Closed({ storeId: Identifier({ description: 'The store id or its code' }) });

const present = (store: Store) => ({
  storeId: store.id,
  code: store.code,
  name: store.name,
  ownership: store.ownership,
  franchiseeId: store.franchiseeId,
  regionId: store.regionId,
  address: store.address,
  timeZone: store.timeZone,
  status: store.status,
  createdAt: store.createdAt.toISOString(),
  updatedAt: store.updatedAt.toISOString(),
});

/** R12: a brand's stores, head-office-owned or franchised, open or closed. */
export function registerStoreRoutes(app: HttpApp, deps: StoreDeps): void {
  app.post(
    '/v1/stores',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'createStore',
        summary: 'Open a store; its code is unique in the brand (409 names the store holding it)',
        headers: BrandScopeHeaders,
        body: StoreBody,
        response: { 201: StoreResponse, ...problemResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const brandId = request.headers['x-laoke-brand-id'];
      const { store } = await saveStore(deps, brandId, request.body, request.id);
      return reply.status(201).send(present(store));
    },
  );

  app.put(
    '/v1/stores/:storeId',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'updateStore',
        summary: "Replace a store's details (close it with status closed)",
        headers: BrandScopeHeaders,
        params: StoreParams,
        body: StoreBody,
        response: { 200: StoreResponse, ...problemResponses(404, 409, 422) },
      },
    },
    async (request) => {
      const brandId = request.headers['x-laoke-brand-id'];
      const { storeId } = request.params;
      return present((await saveStore(deps, brandId, request.body, request.id, storeId)).store);
    },
  );

  app.get(
    '/v1/stores/:storeId',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'getStore',
        summary: 'A store of the brand, by its id or its code',
        headers: BrandScopeHeaders,
        params: StoreRefParams,
        response: { 200: StoreResponse, ...problemResponses(404) },
      },
    },
    async (request) =>
      present(await getStore(deps, request.headers['x-laoke-brand-id'], request.params.storeId)),
  );

  app.get(
    '/v1/stores',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'listStores',
        summary: "The brand's stores, oldest first, by region, franchisee or status",
        headers: BrandScopeHeaders,
        querystring: StoreListQuery,
        response: { 200: pageOf(StoreResponse) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = pageRequest({ limit, cursor });
      const stores = await listStores(deps, request.headers['x-laoke-brand-id'], filter, page);
      return toPage(
        stores,
        page.limit,
        (s) => ({ key: s.createdAt.toISOString(), id: s.id }),
        present,
      );
    },
  );
}
