import {
  BrandScopeHeaders,
  LocalPeriodQuery,
  periodOf,
  Closed,
  Text,
  Uuid,
  problemResponses,
  type BrandClock,
  type Database,
  type HttpApp,
  type ServiceClient,
} from '@laoke/platform';
import { Type } from 'typebox';
import { churnReasonTally, recordChurnReason } from '../domain/lapse/churn-reasons.use-case';
import { winBackResults } from '../domain/lapse/win-back-results.use-case';
import { REASON_CODES } from '../domain/satisfaction/satisfaction-policy';

export interface LapseRouteDeps {
  db: Database;
  clock: BrandClock;
  members: ServiceClient;
  timeZone: string;
}

const NullableRate = Type.Union([Type.Number(), Type.Null()]);

export function registerLapseRoutes(app: HttpApp, deps: LapseRouteDeps): void {
  app.post(
    '/v1/members/:memberId/churn-reasons',
    {
      schema: {
        tags: ['win-back'],
        operationId: 'recordChurnReason',
        summary: 'Why a member stopped coming, as they or the store tell it (R9)',
        headers: BrandScopeHeaders,
        params: Closed({ memberId: Uuid() }),
        body: Closed(
          {
            reasonCode: Type.Enum([...REASON_CODES]),
            note: Type.Optional(Text({ maxLength: 1000 })),
          },
          { $id: 'ChurnReason' },
        ),
        response: {
          201: Type.Object(
            { reasonId: Type.String(), reasonCode: Type.String(), notedAt: Type.String() },
            { $id: 'RecordedChurnReason' },
          ),
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const recorded = await recordChurnReason(
        deps,
        {
          brandId: request.headers['x-laoke-brand-id'],
          memberId: request.params.memberId,
          requestId: request.id,
        },
        request.body,
      );
      return reply.status(201).send(recorded);
    },
  );

  app.get(
    '/v1/churn-reasons',
    {
      schema: {
        tags: ['win-back'],
        operationId: 'churnReasonTally',
        summary: 'How often each churn reason was given over a period of local days',
        headers: BrandScopeHeaders,
        querystring: LocalPeriodQuery,
        response: {
          200: Type.Object(
            {
              items: Type.Array(Type.Object({ reasonCode: Type.String(), count: Type.Integer() })),
            },
            { $id: 'ChurnReasonTally' },
          ),
          ...problemResponses(400),
        },
      },
    },
    async (request) => ({
      items: await churnReasonTally(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        ...periodOf(request.query, deps.timeZone),
      }),
    }),
  );

  app.get(
    '/v1/win-back/results',
    {
      schema: {
        tags: ['win-back'],
        operationId: 'winBackResults',
        summary:
          'Win-back journeys started over a period: converted, against the held-out group, and the lift',
        headers: BrandScopeHeaders,
        querystring: LocalPeriodQuery,
        response: {
          200: Type.Object(
            {
              journeys: Type.Integer(),
              converted: Type.Integer(),
              holdoutJourneys: Type.Integer(),
              holdoutConverted: Type.Integer(),
              conversionRate: NullableRate,
              holdoutConversionRate: NullableRate,
              lift: NullableRate,
            },
            { $id: 'WinBackResults' },
          ),
          ...problemResponses(400),
        },
      },
    },
    (request) =>
      winBackResults(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        ...periodOf(request.query, deps.timeZone),
      }),
  );
}
