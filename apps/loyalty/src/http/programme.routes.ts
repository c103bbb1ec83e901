import {
  BrandScopeHeaders,
  problemResponses,
  replyIdempotent,
  type BrandClock,
  type Database,
  type HttpApp,
} from '@laoke/platform';
import type { MembersClient } from '../clients/members.client';
import { checkoutQuote } from '../domain/programme/checkout-quote.use-case';
import { definitionForStore } from '../domain/programme/definition-problems';
import { pointsTermsFor } from '../domain/programme/points-terms';
import { programmeInForce, publishProgramme } from '../domain/programme/programme.use-case';
import { SEED_PROGRAMME_TEMPLATE } from '../domain/programme/seed-template';
import { tierStatus } from '../domain/programme/tier-status.use-case';
import { IdempotencyHeaders, MemberParams } from './loyalty.schemas';
import {
  CheckoutQuoteBody,
  CheckoutQuoteResponse,
  ProgrammeQuery,
  ProgrammeResponse,
  ProgrammeTemplateResponse,
  PublishProgrammeBody,
  TierStatusResponse,
} from './programme.schemas';

export interface ProgrammeRoutesDeps {
  db: Database;
  clock: BrandClock;
  members: MembersClient;
}

export function registerProgrammeRoutes(app: HttpApp, deps: ProgrammeRoutesDeps): void {
  app.post(
    '/v1/programme/versions',
    {
      schema: {
        tags: ['programme'],
        operationId: 'publishProgrammeVersion',
        summary: 'Publish a new programme version: earn rate, tiers, promotions (R3, R4)',
        headers: IdempotencyHeaders,
        body: PublishProgrammeBody,
        response: { 201: ProgrammeResponse, ...problemResponses(400, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const outcome = await publishProgramme(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        idempotencyKey: request.headers['idempotency-key'],
        requestId: request.id,
        input: request.body,
      });
      const { result } = outcome;
      return replyIdempotent(reply, 201, {
        ...outcome,
        result: {
          ...result,
          source: 'published',
          pointsPolicy: pointsTermsFor(
            {
              version: result.version,
              effectiveFrom: new Date(result.effectiveFrom),
              definition: result.definition,
            },
            new Date(result.effectiveFrom),
          ).policy,
        },
      });
    },
  );

  app.get(
    '/v1/programme',
    {
      schema: {
        tags: ['programme'],
        operationId: 'getProgramme',
        summary: "The brand's programme in force now, or the built-in default (R3, R4)",
        headers: BrandScopeHeaders,
        querystring: ProgrammeQuery,
        response: { 200: ProgrammeResponse, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const brandId = request.headers['x-laoke-brand-id'];
      const now = deps.clock.nowFor(brandId);
      const programme = await programmeInForce(deps.db, brandId, now);
      const storeId = request.query.storeId;
      const definition = storeId
        ? definitionForStore(programme.definition, storeId)
        : programme.definition;
      const published = programme.version > 0;
      return {
        version: programme.version,
        source: published ? 'published' : 'built-in',
        effectiveFrom: programme.effectiveFrom.toISOString(),
        publishedAt: programme.publishedAt?.toISOString() ?? null,
        pointsPolicy: pointsTermsFor(programme, now).policy,
        definition,
      } as const;
    },
  );

  app.get(
    '/v1/programme/templates/seed',
    {
      schema: {
        tags: ['programme'],
        operationId: 'getSeedProgrammeTemplate',
        summary: 'The seed examples as a programme ready to publish (not active until published)',
        headers: BrandScopeHeaders,
        response: { 200: ProgrammeTemplateResponse, ...problemResponses(400) },
      },
    },
    () => ({ name: 'seed', definition: SEED_PROGRAMME_TEMPLATE }),
  );

  app.get(
    '/v1/members/:memberId/tier',
    {
      schema: {
        tags: ['programme'],
        operationId: 'getMemberTier',
        summary: "A member's tier, and what to spend to keep it or reach the next, by when (R3)",
        headers: BrandScopeHeaders,
        params: MemberParams,
        response: { 200: TierStatusResponse, ...problemResponses(400, 404, 503) },
      },
    },
    (request) =>
      tierStatus(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        requestId: request.id,
      }),
  );

  app.post(
    '/v1/checkout/quote',
    {
      schema: {
        tags: ['programme'],
        operationId: 'quoteCheckout',
        summary: 'Discounts and points a cart would get now, and why; records nothing (R3, R4)',
        headers: BrandScopeHeaders,
        body: CheckoutQuoteBody,
        response: { 200: CheckoutQuoteResponse, ...problemResponses(400, 422, 503) },
      },
    },
    (request) =>
      checkoutQuote(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        requestId: request.id,
        ...request.body,
      }),
  );
}
