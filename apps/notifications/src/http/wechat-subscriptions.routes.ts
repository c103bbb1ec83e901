import {
  BrandScopeHeaders,
  Closed,
  IdempotencyKeyHeader,
  Identifier,
  Integer,
  Uuid,
  problemResponses,
  replyIdempotent,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import {
  recordWechatSubscriptions,
  wechatQuotaOf,
  type WechatSubscriptionsDeps,
} from '../domain/wechat-subscriptions.use-case';

const SubscriptionsBody = Closed(
  {
    memberId: Uuid(),
    template: Identifier({ maxLength: 64, description: 'Template key, e.g. win_back.we_miss_you' }),
    count: Integer({
      minimum: 1,
      maximum: 50,
      description: 'How many times the member accepted it (one WeChat message each)',
    }),
  },
  { $id: 'WechatSubscriptionsAccepted' },
);

const QuotaResponse = Type.Object(
  {
    memberId: Type.String(),
    template: Type.String(),
    remaining: Type.Integer({ description: 'WeChat messages of this template that may be sent' }),
  },
  { $id: 'WechatSubscriptionQuota' },
);

const MemberQuotaResponse = Type.Object(
  {
    memberId: Type.String(),
    templates: Type.Array(
      Type.Object({
        template: Type.String(),
        remaining: Type.Integer({
          description: 'WeChat messages of this template that may be sent',
        }),
      }),
      { description: 'Every template the member ever subscribed to, by key' },
    ),
  },
  { $id: 'MemberWechatQuota' },
);

const Headers = Type.Object({ ...BrandScopeHeaders.properties, ...IdempotencyKeyHeader });

export function registerWechatSubscriptionRoutes(
  app: HttpApp,
  deps: WechatSubscriptionsDeps,
): void {
  app.post(
    '/v1/wechat/subscriptions',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'recordWechatSubscriptions',
        summary:
          'The mini-program reports a member accepted a WeChat one-time subscription to a template n times',
        headers: Headers,
        body: SubscriptionsBody,
        response: { 201: QuotaResponse, ...problemResponses(400, 422, 503) },
      },
    },
    async (request, reply) =>
      replyIdempotent(
        reply,
        201,
        await recordWechatSubscriptions(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          idempotencyKey: request.headers['idempotency-key'],
          input: request.body,
        }),
      ),
  );

  app.get(
    '/v1/members/:memberId/wechat-subscriptions',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'getWechatSubscriptionQuota',
        summary: "A member's remaining WeChat one-time subscriptions, per template",
        headers: BrandScopeHeaders,
        params: Closed({ memberId: Uuid() }),
        response: { 200: MemberQuotaResponse, ...problemResponses(400, 404, 503) },
      },
    },
    async (request) =>
      wechatQuotaOf(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        requestId: request.id,
      }),
  );
}
