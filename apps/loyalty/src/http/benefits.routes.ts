import {
  BrandScopeHeaders,
  problemResponses,
  replyIdempotent,
  type HttpApp,
} from '@laoke/platform';
import {
  claimBenefit,
  listBenefits,
  type BenefitsDeps,
} from '../domain/benefits/member-benefits.use-case';
import {
  BenefitClaimResponse,
  BenefitParams,
  ClaimBenefitBody,
  MemberBenefitsResponse,
} from './benefits.schemas';
import { IdempotencyHeaders, MemberParams } from './loyalty.schemas';

export function registerBenefitRoutes(app: HttpApp, deps: BenefitsDeps): void {
  app.get(
    '/v1/members/:memberId/benefits',
    {
      schema: {
        tags: ['benefits'],
        operationId: 'listMemberBenefits',
        summary: 'What the member can claim this period, and what they claimed (R4)',
        headers: BrandScopeHeaders,
        params: MemberParams,
        response: { 200: MemberBenefitsResponse, ...problemResponses(400, 404, 503) },
      },
    },
    (request) =>
      listBenefits(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        requestId: request.id,
      }),
  );

  app.post(
    '/v1/members/:memberId/benefits/:kind/claim',
    {
      schema: {
        tags: ['benefits'],
        operationId: 'claimMemberBenefit',
        summary: 'The member claims a benefit, once per period (R4)',
        headers: IdempotencyHeaders,
        params: BenefitParams,
        body: ClaimBenefitBody,
        response: { 201: BenefitClaimResponse, ...problemResponses(400, 404, 409, 422, 503) },
      },
    },
    async (request, reply) =>
      replyIdempotent(
        reply,
        201,
        await claimBenefit(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          memberId: request.params.memberId,
          kind: request.params.kind,
          storeId: request.body.storeId,
          idempotencyKey: request.headers['idempotency-key'],
          requestId: request.id,
        }),
      ),
  );
}
