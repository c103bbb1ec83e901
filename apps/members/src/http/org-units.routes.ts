import {
  BrandScopeHeaders,
  Closed,
  PageQuery,
  Uuid,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type BrandClock,
  type Database,
  type HttpApp,
} from '@laoke/platform';
import {
  getOrgUnit,
  listOrgUnits,
  saveOrgUnit,
  type OrgUnitKind,
} from '../domain/organisation/org-units.use-case';
import type { OrgUnit } from '../domain/organisation/organisation';
import { OrgUnitBody, OrgUnitResponse } from './organisation.schemas';

const KINDS = [
  { table: 'regions', noun: 'region', Noun: 'Region', path: '/v1/regions' },
  { table: 'franchisees', noun: 'franchisee', Noun: 'Franchisee', path: '/v1/franchisees' },
] as const;

/** R12: regions group a brand's stores; franchisees are the companies owning franchised ones. */
export function registerOrgUnitRoutes(app: HttpApp, deps: { db: Database; clock: BrandClock }) {
  for (const { table, noun, Noun, path } of KINDS) {
    const kind: OrgUnitKind = { table, noun };
    const idName = `${noun}Id`;
    const Body = OrgUnitBody(Noun);
    const Response = OrgUnitResponse(Noun);
    const Params = Closed({ [idName]: Uuid() });
    const present = (unit: OrgUnit) => ({
      [idName]: unit.id,
      name: unit.name,
      createdAt: unit.createdAt.toISOString(),
      updatedAt: unit.updatedAt.toISOString(),
    });
    const idOf = (params: unknown) => (params as Record<string, string>)[idName] ?? '';

    app.post(
      path,
      {
        schema: {
          tags: ['organisation'],
          operationId: `create${Noun}`,
          summary: `Create a ${noun}; its name is unique in the brand`,
          headers: BrandScopeHeaders,
          body: Body,
          response: { 201: Response, ...problemResponses(409) },
        },
      },
      async (request, reply) => {
        const brandId = request.headers['x-laoke-brand-id'];
        const { unit } = await saveOrgUnit(deps, kind, brandId, request.body);
        return reply.status(201).send(present(unit));
      },
    );

    app.put(
      `${path}/:${idName}`,
      {
        schema: {
          tags: ['organisation'],
          operationId: `rename${Noun}`,
          summary: `Rename a ${noun}`,
          headers: BrandScopeHeaders,
          params: Params,
          body: Body,
          response: { 200: Response, ...problemResponses(404, 409) },
        },
      },
      async (request) => {
        const brandId = request.headers['x-laoke-brand-id'];
        const id = idOf(request.params);
        return present((await saveOrgUnit(deps, kind, brandId, { ...request.body, id })).unit);
      },
    );

    app.get(
      `${path}/:${idName}`,
      {
        schema: {
          tags: ['organisation'],
          operationId: `get${Noun}`,
          summary: `A ${noun} of the brand`,
          headers: BrandScopeHeaders,
          params: Params,
          response: { 200: Response, ...problemResponses(404) },
        },
      },
      async (request) =>
        present(
          await getOrgUnit(deps, kind, request.headers['x-laoke-brand-id'], idOf(request.params)),
        ),
    );

    app.get(
      path,
      {
        schema: {
          tags: ['organisation'],
          operationId: `list${Noun}s`,
          summary: `The brand's ${noun}s, oldest first`,
          headers: BrandScopeHeaders,
          querystring: PageQuery,
          response: { 200: pageOf(Response) },
        },
      },
      async (request) => {
        const page = pageRequest(request.query);
        const units = await listOrgUnits(deps, kind, request.headers['x-laoke-brand-id'], page);
        return toPage(
          units,
          page.limit,
          (u) => ({ key: u.createdAt.toISOString(), id: u.id }),
          present,
        );
      },
    );
  }
}
