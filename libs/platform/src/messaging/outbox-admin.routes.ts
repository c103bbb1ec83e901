import { Type } from 'typebox';
import type { Database } from '../db/database';
import type { HttpApp } from '../http/create-http-app';
import { DomainError } from '../errors/domain-error';
import { Uuid } from '../http/input.schemas';
import { discardParkedEvent, listParkedEvents, retryParkedEvent } from './outbox-parking';

const ParkedEventParams = Type.Object({ eventId: Uuid() }, { additionalProperties: false });

const ParkedEventsResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      eventId: Type.String(),
      type: Type.String(),
      topic: Type.String(),
      key: Type.String(),
      attempts: Type.Integer(),
      parkedAt: Type.String({ format: 'date-time' }),
      reason: Type.String(),
    }),
  ),
});

const noSuchParkedEvent = (eventId: string) =>
  new DomainError('PARKED_EVENT_NOT_FOUND', `no parked event ${eventId}`, {
    kind: 'not-found',
    field: 'eventId',
  });

/**
 * For operators, on every service: the outbox rows the relay set aside, to retry or discard.
 * Untagged, so not in the public API document, and the gateway does not forward them.
 */
export function registerOutboxAdminRoutes(app: HttpApp, db: Database): void {
  app.get(
    '/admin/outbox/parked',
    { schema: { response: { 200: ParkedEventsResponse } } },
    async () => ({ items: await listParkedEvents(db) }),
  );

  app.post(
    '/admin/outbox/parked/:eventId/retry',
    { schema: { params: ParkedEventParams } },
    async (request, reply) => {
      if (!(await retryParkedEvent(db, request.params.eventId)))
        throw noSuchParkedEvent(request.params.eventId);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/admin/outbox/parked/:eventId',
    { schema: { params: ParkedEventParams } },
    async (request, reply) => {
      if (!(await discardParkedEvent(db, request.params.eventId)))
        throw noSuchParkedEvent(request.params.eventId);
      return reply.status(204).send();
    },
  );
}
