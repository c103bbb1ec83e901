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
    channel: Type.String(),
    template: Type.String(),
    category: Type.String(),
    status: Type.String(),
    text: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
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
        summary: 'Messages sent to a member, newest first',
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
          template: d.template,
          category: d.category,
          status: d.status,
          text: d.text,
          createdAt: d.createdAt.toISOString(),
          sentAt: d.sentAt?.toISOString() ?? null,
        }),
      );
    },
  );
}
