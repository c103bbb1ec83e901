import {
  BrandScopeHeaders,
  Closed,
  Integer,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import { CadenceDefinitionSchema } from '../domain/cadence/cadence-definition';
import type { VersionedCadence } from '../domain/cadence/cadence-versions';
import {
  cadenceInForce,
  cadenceVersion,
  publishCadence,
  publishedCadences,
  type CadenceDeps,
} from '../domain/cadence/publish-cadence.use-case';

/**
 * The definition as a response: input formats and patterns only constrain what comes in, and
 * the response serializer does not know them.
 */
const DefinitionView = JSON.parse(
  JSON.stringify(Type.Object(CadenceDefinitionSchema.properties), (key, value: unknown) =>
    key === 'format' || key === 'pattern' ? undefined : value,
  ),
) as ReturnType<typeof Type.Object<typeof CadenceDefinitionSchema.properties>>;

const CadenceResponse = Type.Object(
  {
    version: Type.Integer({ description: '0 is the built-in jewelry 0-3-3-3 default' }),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    definition: DefinitionView,
  },
  { $id: 'Cadence' },
);

const present = (cadence: VersionedCadence) => ({
  version: cadence.version,
  publishedAt: cadence.publishedAt?.toISOString() ?? null,
  definition: cadence.definition,
});

export function registerCadenceRoutes(app: HttpApp, deps: CadenceDeps): void {
  app.get(
    '/v1/cadence',
    {
      schema: {
        tags: ['follow-ups'],
        operationId: 'getCadence',
        summary: "The brand's follow-up cadence new purchases start on (R6)",
        headers: BrandScopeHeaders,
        response: { 200: CadenceResponse, ...problemResponses(400) },
      },
    },
    async (request) => present(await cadenceInForce(deps, request.headers['x-laoke-brand-id'])),
  );

  app.put(
    '/v1/cadence',
    {
      schema: {
        tags: ['follow-ups'],
        operationId: 'publishCadence',
        summary: 'Publish a new version of the brand’s follow-up cadence (R6)',
        description:
          'Steps with an offset or a repeat, a message or staff-task action, a fallback message when a call does not reach the member, and the coalescing window. 201 with the new version; 200 when the body equals the version in force. Purchases already under way keep their version.',
        headers: BrandScopeHeaders,
        body: CadenceDefinitionSchema,
        response: {
          200: CadenceResponse,
          201: CadenceResponse,
          ...problemResponses(400, 409),
        },
      },
    },
    async (request, reply) => {
      const { cadence, created } = await publishCadence(
        deps,
        request.headers['x-laoke-brand-id'],
        request.body,
      );
      return reply.code(created ? 201 : 200).send(present(cadence));
    },
  );

  app.get(
    '/v1/cadence/versions',
    {
      schema: {
        tags: ['follow-ups'],
        operationId: 'listCadenceVersions',
        summary: "The brand's published cadence versions, newest first",
        headers: BrandScopeHeaders,
        querystring: PageQuery,
        response: { 200: pageOf(CadenceResponse), ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await publishedCadences(deps, request.headers['x-laoke-brand-id'], page);
      return toPage(
        rows,
        page.limit,
        (c) => ({ key: c.publishedAt.toISOString(), id: c.id }),
        present,
      );
    },
  );

  app.get(
    '/v1/cadence/versions/:version',
    {
      schema: {
        tags: ['follow-ups'],
        operationId: 'getCadenceVersion',
        summary: 'One version of the brand’s cadence (0: the built-in default)',
        headers: BrandScopeHeaders,
        params: Closed({ version: Integer({ minimum: 0, maximum: 1_000_000 }) }),
        response: { 200: CadenceResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      present(
        await cadenceVersion(deps, request.headers['x-laoke-brand-id'], request.params.version),
      ),
  );
}
