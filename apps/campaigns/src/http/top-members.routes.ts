import {
  BrandScopeHeaders,
  Closed,
  Identifier,
  Integer,
  problemResponses,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import {
  topMembersOf,
  type TopMembersDeps,
} from '../domain/top-members/select-top-members.use-case';

const RankedMember = Type.Object(
  {
    rank: Type.Integer({ description: 'place within the region, 1 = highest spend' }),
    memberId: Type.String(),
    regionId: Type.Union([Type.String(), Type.Null()]),
    storeId: Type.String({ description: 'where the member spent most that year' }),
    spendFen: Type.Integer({ description: 'spend in the local year, net of returns' }),
    purchaseCount: Type.Integer(),
  },
  { $id: 'RankedTopMember' },
);

export function registerTopMembersRoutes(app: HttpApp, deps: TopMembersDeps): void {
  app.get(
    '/v1/top-members',
    {
      schema: {
        tags: ['top-members'],
        operationId: 'listTopMembers',
        summary: "A year's top spenders per region, net of returns (R10)",
        description:
          "Ranked live from purchases in the brand's local year; `selectedAt` tells when the yearly appreciation-visit tasks were created for them (null: not yet).",
        headers: BrandScopeHeaders,
        querystring: Closed({
          year: Integer({ minimum: 2000, maximum: 2100, description: 'local calendar year' }),
          regionId: Type.Optional(Identifier({ description: 'only this region' })),
        }),
        response: {
          200: Type.Object(
            {
              year: Type.Integer(),
              selectedAt: Type.Union([Type.String(), Type.Null()]),
              items: Type.Array(RankedMember),
            },
            { $id: 'TopMembers' },
          ),
          ...problemResponses(400, 503),
        },
      },
    },
    async (request) =>
      topMembersOf(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        year: request.query.year,
        ...(request.query.regionId && { regionId: request.query.regionId }),
      }),
  );
}
