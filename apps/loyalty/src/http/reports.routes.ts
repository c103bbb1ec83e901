import {
  BrandScopeHeaders,
  LocalPeriodQuery,
  periodOf,
  problemResponses,
  type HttpApp,
} from '@laoke/platform';
import {
  franchiseSettlement,
  pointsActivity,
  pointsLiability,
  tierDistribution,
  type PointsReportsDeps,
} from '../domain/reports/points-reports.use-case';
import {
  ActivityQuery,
  ActivityResponse,
  LiabilityQuery,
  LiabilityResponse,
  NoQuery,
  SettlementResponse,
  TierDistributionResponse,
} from './reports.schemas';

/** Head office's points reports (R4, R12): read-only, scoped to the caller's brand. */
export function registerReportRoutes(app: HttpApp, deps: PointsReportsDeps): void {
  app.get(
    '/v1/reports/points-liability',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getPointsLiability',
        summary:
          'Outstanding spendable points and their worth in fen, per brand, franchisee, store',
        headers: BrandScopeHeaders,
        querystring: LiabilityQuery,
        response: { 200: LiabilityResponse, ...problemResponses(400) },
      },
    },
    (request) => pointsLiability(deps, request.headers['x-laoke-brand-id'], request.query.asOf),
  );

  app.get(
    '/v1/reports/points-activity',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getPointsActivity',
        summary: 'Points issued, reversed, redeemed and expired per local period and store',
        headers: BrandScopeHeaders,
        querystring: ActivityQuery,
        response: { 200: ActivityResponse, ...problemResponses(400) },
      },
    },
    (request) =>
      pointsActivity(
        deps,
        request.headers['x-laoke-brand-id'],
        periodOf(request.query, deps.timeZone),
        request.query.interval ?? 'month',
      ),
  );

  app.get(
    '/v1/reports/tier-distribution',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getTierDistribution',
        summary: "The brand's members per tier now (R3)",
        headers: BrandScopeHeaders,
        querystring: NoQuery,
        response: { 200: TierDistributionResponse, ...problemResponses(400) },
      },
    },
    (request) => tierDistribution(deps, request.headers['x-laoke-brand-id']),
  );

  app.get(
    '/v1/reports/franchise-settlement',
    {
      schema: {
        tags: ['reports'],
        operationId: 'getFranchiseSettlement',
        summary: 'Points earned at one franchisee and redeemed at another, netted per pair',
        headers: BrandScopeHeaders,
        querystring: LocalPeriodQuery,
        response: { 200: SettlementResponse, ...problemResponses(400) },
      },
    },
    (request) =>
      franchiseSettlement(
        deps,
        request.headers['x-laoke-brand-id'],
        periodOf(request.query, deps.timeZone),
      ),
  );
}
