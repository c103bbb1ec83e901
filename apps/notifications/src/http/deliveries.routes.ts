import {
  BrandScopeHeaders,
  Closed,
  Uuid,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type Database,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import { deliveriesRepository } from '../data/deliveries.repository';

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

export function registerDeliveryRoutes(app: HttpApp, deps: { db: Database }): void {
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
        response: { 200: pageOf(DeliveryResponse), ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await deliveriesRepository.listForMember(
        deps.db,
        request.headers['x-laoke-brand-id'],
        request.params.memberId,
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
