import {
  BrandScopeHeaders,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  replyIdempotent,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import type { Reward } from '../data/rewards.repository';
import {
  cancelRedemption,
  confirmRedemption,
  reserveRedemption,
  type RedemptionDeps,
} from '../domain/redemption.use-case';
import {
  createReward,
  getReward,
  listRewards,
  updateReward,
  type RewardsDeps,
} from '../domain/rewards.use-case';
import {
  CreateRewardBody,
  IdempotencyHeaders,
  RedemptionParams,
  RedemptionResponse,
  ReserveRedemptionBody,
  RewardParams,
  RewardResponse,
  UpdateRewardBody,
} from './loyalty.schemas';

const toResponse = (reward: Reward) => ({
  ...reward,
  validFrom: reward.validFrom.toISOString(),
  validUntil: reward.validUntil?.toISOString() ?? null,
  createdAt: reward.createdAt.toISOString(),
});

export function registerRewardRoutes(app: HttpApp, deps: RewardsDeps & RedemptionDeps): void {
  app.post(
    '/v1/rewards',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'createReward',
        summary:
          'Add a reward to the brand catalogue (points cost, list-price cap, validity, stock)',
        headers: BrandScopeHeaders,
        body: CreateRewardBody,
        response: { 201: RewardResponse, ...problemResponses(400) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          toResponse(await createReward(deps, request.headers['x-laoke-brand-id'], request.body)),
        ),
  );

  app.get(
    '/v1/rewards',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'listRewards',
        summary: 'The brand catalogue, newest first',
        headers: BrandScopeHeaders,
        querystring: PageQuery,
        response: { 200: pageOf(RewardResponse), ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await listRewards(deps, request.headers['x-laoke-brand-id'], page);
      return toPage(
        rows,
        page.limit,
        (r) => ({ key: r.createdAt.toISOString(), id: r.rewardId }),
        toResponse,
      );
    },
  );

  app.get(
    '/v1/rewards/:rewardId',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'getReward',
        summary: 'One reward of the catalogue',
        headers: BrandScopeHeaders,
        params: RewardParams,
        response: { 200: RewardResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      toResponse(
        await getReward(deps, request.headers['x-laoke-brand-id'], request.params.rewardId),
      ),
  );

  app.patch(
    '/v1/rewards/:rewardId',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'updateReward',
        summary: 'Change a reward; `active: false` retires it (redemptions keep referring to it)',
        headers: BrandScopeHeaders,
        params: RewardParams,
        body: UpdateRewardBody,
        response: { 200: RewardResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      toResponse(
        await updateReward(
          deps,
          request.headers['x-laoke-brand-id'],
          request.params.rewardId,
          request.body,
        ),
      ),
  );

  app.delete(
    '/v1/rewards/:rewardId',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'retireReward',
        summary: 'Retire a reward: it can no longer be reserved',
        headers: BrandScopeHeaders,
        params: RewardParams,
        response: { 200: RewardResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      toResponse(
        await updateReward(deps, request.headers['x-laoke-brand-id'], request.params.rewardId, {
          active: false,
        }),
      ),
  );

  app.post(
    '/v1/redemptions',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'reserveRedemption',
        summary: 'Reserve a reward at the counter: holds its points until confirmed or cancelled',
        headers: IdempotencyHeaders,
        body: ReserveRedemptionBody,
        response: { 201: RedemptionResponse, ...problemResponses(400, 409, 422, 503) },
      },
    },
    async (request, reply) =>
      replyIdempotent(
        reply,
        201,
        await reserveRedemption(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          idempotencyKey: request.headers['idempotency-key'],
          requestId: request.id,
          input: request.body,
        }),
      ),
  );

  for (const [action, settle] of [
    ['confirm', confirmRedemption],
    ['cancel', cancelRedemption],
  ] as const) {
    app.post(
      `/v1/redemptions/:redemptionId/${action}`,
      {
        schema: {
          tags: ['rewards'],
          operationId: `${action}Redemption`,
          summary:
            action === 'confirm'
              ? 'The reward was handed over: the held points are spent (points.redeemed)'
              : 'The member changed their mind: the held points go back',
          headers: IdempotencyHeaders,
          params: RedemptionParams,
          response: { 200: RedemptionResponse, ...problemResponses(400, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        replyIdempotent(
          reply,
          200,
          await settle(deps, {
            brandId: request.headers['x-laoke-brand-id'],
            redemptionId: request.params.redemptionId,
            idempotencyKey: request.headers['idempotency-key'],
            requestId: request.id,
          }),
        ),
    );
  }
}
