import {
  BrandScopeHeaders,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type Database,
  type HttpApp,
} from '@laoke/platform';
import { pointsRepository } from '../data/points.repository';
import { LedgerEntryResponse, MemberParams, PointsBalanceResponse } from './loyalty.schemas';

export function registerPointsRoutes(app: HttpApp, deps: { db: Database }): void {
  app.get(
    '/v1/members/:memberId/points',
    {
      schema: {
        tags: ['points'],
        operationId: 'getPointsBalance',
        summary: "A member's points balance (R4)",
        headers: BrandScopeHeaders,
        params: MemberParams,
        response: { 200: PointsBalanceResponse, ...problemResponses(400) },
      },
    },
    async (request) => {
      const { memberId } = request.params;
      const account = await pointsRepository.find(
        deps.db,
        request.headers['x-laoke-brand-id'],
        memberId,
      );
      return {
        memberId,
        balance: account?.balance ?? 0,
        lifetimeEarned: account?.lifetimeEarned ?? 0,
        updatedAt: account?.updatedAt?.toISOString() ?? null,
      };
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
        response: { 200: pageOf(LedgerEntryResponse), ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await pointsRepository.ledger(
        deps.db,
        request.headers['x-laoke-brand-id'],
        request.params.memberId,
        page,
      );
      return toPage(
        rows,
        page.limit,
        (e) => ({
          key: e.createdAt.toISOString(),
          id: e.id,
        }),
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
