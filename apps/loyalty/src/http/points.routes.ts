import { BrandScopeHeaders, problemResponses, type Database, type HttpApp } from '@laoke/platform';
import { pointsRepository } from '../data/points.repository';
import { MemberParams, PointsBalanceResponse } from './loyalty.schemas';

export function registerPointsRoutes(app: HttpApp, deps: { db: Database }): void {
  app.get(
    '/v1/members/:memberId/points',
    {
      schema: {
        tags: ['points'],
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
}
