import {
  BrandScopeHeaders,
  Closed,
  Uuid,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import {
  memberNotifications,
  type MemberNotificationsDeps,
} from '../domain/member-notifications.use-case';

const DeliveryResponse = Type.Object(
  {
    deliveryId: Type.String(),
    requestId: Type.String(),
    channel: Type.Union([Type.String(), Type.Null()]),
    purpose: Type.Union([Type.String(), Type.Null()]),
    template: Type.String(),
    category: Type.String(),
    status: Type.String({
      description:
        'claimed (due at notBefore), sending, sent, failed, suppressed (never sent; see reason), or rejected (the request failed its schema and went to the dead-letter topic; see reason)',
    }),
    reason: Type.Union([Type.String(), Type.Null()], {
      description: 'Why it was suppressed, deferred, failed or rejected',
    }),
    priority: Type.Integer(),
    smsSegments: Type.Union([Type.Integer(), Type.Null()]),
    text: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    notBefore: Type.String({ format: 'date-time' }),
    sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'NotificationDelivery' },
);

export function registerDeliveryRoutes(app: HttpApp, deps: MemberNotificationsDeps): void {
  app.get(
    '/v1/members/:memberId/notifications',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'listNotifications',
        summary: "A member's messages, newest first, with their status and the reason for it",
        headers: BrandScopeHeaders,
        params: Closed({ memberId: Uuid() }),
        querystring: PageQuery,
        response: { 200: pageOf(DeliveryResponse), ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await memberNotifications(
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
        (d) => ({
          key: d.createdAt.toISOString(),
          id: d.id,
        }),
        (d) => ({
          deliveryId: d.id,
          requestId: d.requestId,
          channel: d.channel,
          purpose: d.purpose,
          template: d.template,
          category: d.category,
          status: d.status,
          reason: d.failureReason ?? d.decisionReason,
          priority: d.priority,
          smsSegments: d.smsSegments,
          text: d.text,
          createdAt: d.createdAt.toISOString(),
          notBefore: d.notBefore.toISOString(),
          sentAt: d.sentAt?.toISOString() ?? null,
        }),
      );
    },
  );
}
