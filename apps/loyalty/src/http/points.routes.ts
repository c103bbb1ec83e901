import {
  BrandScopeHeaders,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import {
  pointsBalance,
  pointsLedger,
  type MemberPointsDeps,
} from '../domain/member-points.use-case';
import { LedgerEntryResponse, MemberParams, PointsBalanceResponse } from './loyalty.schemas';

export function registerPointsRoutes(app: HttpApp, deps: MemberPointsDeps): void {
  app.get(
    '/v1/members/:memberId/points',
    {
      schema: {
        tags: ['points'],
        operationId: 'getPointsBalance',
        summary: "A member's points balance (R4)",
        headers: BrandScopeHeaders,
        params: MemberParams,
        response: { 200: PointsBalanceResponse, ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const balance = await pointsBalance(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        requestId: request.id,
      });
      return { ...balance, updatedAt: balance.updatedAt?.toISOString() ?? null };
    },
  );

  app.get(
    '/v1/members/:memberId/points/ledger',
    {
      schema: {
        tags: ['points'],
        operationId: 'listPointsLedger',
        summary: "Every change to a member's points, newest first (R4)",
        headers: BrandScopeHeaders,
        params: MemberParams,
        querystring: PageQuery,
        response: { 200: pageOf(LedgerEntryResponse), ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await pointsLedger(
        deps,
        {
          brandId: request.headers['x-laoke-brand-id'],
          memberId: request.params.memberId,
          requestId: request.id,
        },
        page,
      );
      return toPage(
        rows,
        page.limit,
        (e) => ({ key: e.createdAt.toISOString(), id: e.id }),
        (e) => ({
          entryId: e.id,
          delta: e.delta,
          balanceAfter: e.balanceAfter,
          reason: e.reason,
          purchaseId: e.purchaseId,
          createdAt: e.createdAt.toISOString(),
        }),
      );
    },
  );
}
