import {
  BrandScopeHeaders,
  DomainError,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  replyIdempotent,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import { adjustPoints, type AdjustPointsDeps } from '../domain/adjust-points.use-case';
import {
  pointsBalance,
  pointsLedger,
  type MemberPointsDeps,
} from '../domain/member-points.use-case';
import {
  AdjustPointsBody,
  IdempotencyHeaders,
  LedgerEntryResponse,
  MemberParams,
  PointsBalanceResponse,
  RecordedAdjustmentResponse,
} from './loyalty.schemas';

export function registerPointsRoutes(
  app: HttpApp,
  deps: MemberPointsDeps & AdjustPointsDeps,
): void {
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
          kind: e.kind,
          delta: e.delta,
          balanceAfter: e.balanceAfter,
          reason: e.reason,
          purchaseId: e.purchaseId,
          ...(e.rules && { rules: e.rules }),
          ...(e.programmeVersion !== null && { programmeVersion: e.programmeVersion }),
          createdAt: e.createdAt.toISOString(),
        }),
      );
    },
  );

  app.post(
    '/v1/members/:memberId/points/adjustments',
    {
      schema: {
        tags: ['points'],
        operationId: 'adjustPoints',
        summary: "Head office corrects a member's points, with reason and actor (audited)",
        headers: IdempotencyHeaders,
        params: MemberParams,
        body: AdjustPointsBody,
        response: { 201: RecordedAdjustmentResponse, ...problemResponses(400, 404, 422, 503) },
      },
    },
    async (request, reply) => {
      if (request.body.points === 0) {
        throw new DomainError('ZERO_ADJUSTMENT', 'an adjustment adds or takes at least 1 point', {
          kind: 'invalid',
          field: 'points',
        });
      }
      return replyIdempotent(
        reply,
        201,
        await adjustPoints(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          memberId: request.params.memberId,
          idempotencyKey: request.headers['idempotency-key'],
          requestId: request.id,
          input: request.body,
        }),
      );
    },
  );
}
