import { BrandScopeHeaders, problemResponses, type Database, type HttpApp } from '@laoke/platform';
import { Type } from 'typebox';
import { deliveriesRepository } from '../data/deliveries.repository';

const DeliveryResponse = Type.Object({
  deliveryId: Type.String(),
  requestId: Type.String(),
  channel: Type.String(),
  template: Type.String(),
  category: Type.String(),
  status: Type.String(),
  text: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function registerDeliveryRoutes(app: HttpApp, deps: { db: Database }): void {
  app.get(
    '/v1/members/:memberId/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Messages sent to a member, newest first (at most 100)',
        headers: BrandScopeHeaders,
        params: Type.Object({ memberId: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ items: Type.Array(DeliveryResponse) }),
          ...problemResponses(400),
        },
      },
    },
    async (request) => {
      const items = await deliveriesRepository.listForMember(
        deps.db,
        request.headers['x-laoke-brand-id'],
        request.params.memberId,
      );
      return {
        items: items.map((d) => ({
          deliveryId: d.id,
          requestId: d.requestId,
          channel: d.channel,
          template: d.template,
          category: d.category,
          status: d.status,
          text: d.text,
          createdAt: d.createdAt.toISOString(),
          sentAt: d.sentAt?.toISOString() ?? null,
        })),
      };
    },
  );
}
