import {
  BrandScopeHeaders,
  Closed,
  LocalPeriodQuery,
  periodOf,
  problemResponses,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import { KPI_GROUPINGS } from '../data/kpi-groups.sql';
import { retentionKpis, type RetentionKpiDeps } from '../domain/kpis/retention-kpis.use-case';

const Rate = Type.Union([Type.Number(), Type.Null()], {
  description: 'null when nothing to divide by',
});
const Count = Type.Integer({ minimum: 0 });

const RetentionKpiGroup = Type.Object(
  {
    key: Type.Union([Type.String(), Type.Null()], {
      description: 'the store, associate, region or brand id; null: no associate or region',
    }),
    repurchase: Type.Object({ buyers: Count, repeatBuyers: Count, rate: Rate }),
    members: Type.Object({ active: Count, atRisk: Count, churned: Count }),
    satisfaction: Type.Object({ answers: Count, average: Rate }),
    caseResolution: Type.Object({ resolved: Count, averageHours: Rate }),
    taskCompletion: Type.Object({ due: Count, done: Count, rate: Rate }),
    contacts: Type.Object({ members: Count, contacts: Count, perMember: Rate }),
    winBack: Type.Object({
      journeys: Count,
      converted: Count,
      holdoutJourneys: Count,
      holdoutConverted: Count,
      conversionRate: Rate,
      holdoutConversionRate: Rate,
      lift: Rate,
    }),
  },
  { $id: 'RetentionKpiGroup' },
);

export function registerRetentionKpiRoutes(app: HttpApp, deps: RetentionKpiDeps): void {
  app.get(
    '/v1/retention-kpis',
    {
      schema: {
        tags: ['retention-kpis'],
        operationId: 'retentionKpis',
        summary:
          'Repurchase, lapse, satisfaction, cases, task completion, contacts and win-back over local days (R12)',
        headers: BrandScopeHeaders,
        querystring: Closed({
          ...LocalPeriodQuery.properties,
          groupBy: Type.Enum([...KPI_GROUPINGS]),
        }),
        response: {
          200: Type.Object(
            {
              groupBy: Type.String(),
              asOf: Type.String({
                format: 'date-time',
                description: 'member states are counted at this instant',
              }),
              groups: Type.Array(RetentionKpiGroup),
            },
            { $id: 'RetentionKpis' },
          ),
          ...problemResponses(400),
        },
      },
    },
    (request) =>
      retentionKpis(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        groupBy: request.query.groupBy,
        ...periodOf(request.query, deps.timeZone),
      }),
  );
}
