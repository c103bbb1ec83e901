import {
  BrandScopeHeaders,
  Closed,
  DateOnly,
  problemResponses,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import { deliveryStatistics, type StatisticsDeps } from '../domain/delivery-statistics.use-case';

const Count = Type.Integer({ minimum: 0 });

const StatisticsResponse = Type.Object(
  {
    timeZone: Type.String({ description: 'The brand time zone the days are counted in' }),
    items: Type.Array(
      Type.Object({
        day: Type.String({ format: 'date' }),
        channel: Type.Union([Type.String(), Type.Null()]),
        purpose: Type.Union([Type.String(), Type.Null()]),
        requested: Count,
        scheduled: Type.Integer({ minimum: 0, description: 'claimed or sending: not settled yet' }),
        sent: Count,
        failed: Count,
        suppressed: Count,
        rejected: Type.Integer({
          minimum: 0,
          description: 'requests that failed their schema and went to the dead-letter topic',
        }),
      }),
    ),
  },
  { $id: 'NotificationStatistics' },
);

export function registerStatisticsRoutes(app: HttpApp, deps: StatisticsDeps): void {
  app.get(
    '/v1/notifications/statistics',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'notificationStatistics',
        summary: "The brand's deliveries per day, channel and purpose, and what became of them",
        headers: BrandScopeHeaders,
        querystring: Closed({
          from: DateOnly({ description: 'First day, in the brand time zone' }),
          to: DateOnly({ description: 'Last day, included; at most 366 days after from' }),
        }),
        response: { 200: StatisticsResponse, ...problemResponses(400) },
      },
    },
    (request) => deliveryStatistics(deps, request.headers['x-laoke-brand-id'], request.query),
  );
}
