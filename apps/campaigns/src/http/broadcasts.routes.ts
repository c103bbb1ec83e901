import { NotificationCategory } from '@laoke/contracts';
import {
  BrandScopeHeaders,
  Closed,
  Identifier,
  Uuid,
  problemResponses,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import type { Broadcast } from '../data/broadcasts.repository';
import {
  cancelBroadcast,
  findBroadcast,
  scheduleBroadcast,
  type BroadcastDeps,
} from '../domain/broadcasts/broadcasts.use-case';

const BroadcastBody = Closed(
  {
    segmentId: Uuid(),
    template: Identifier({ description: "a template key of the brand's notifications" }),
    category: NotificationCategory,
    sendAt: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$',
      description: "local date and time in the brand's time zone, YYYY-MM-DDTHH:mm",
    }),
  },
  { $id: 'BroadcastInput' },
);
const BroadcastParams = Closed({ broadcastId: Uuid() });

const BroadcastResponse = Type.Object(
  {
    broadcastId: Type.String(),
    segmentId: Type.String(),
    template: Type.String(),
    category: Type.String(),
    purpose: Type.Literal('broadcast'),
    sendAt: Type.String({ description: 'local, in the brand time zone' }),
    scheduledAt: Type.String({ description: 'the same moment in UTC' }),
    state: Type.Enum(['scheduled', 'sending', 'completed', 'cancelled']),
    requested: Type.Integer({ description: 'members requested so far' }),
    createdAt: Type.String(),
    finishedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Broadcast' },
);

const present = (b: Broadcast) => ({
  broadcastId: b.id,
  segmentId: b.segmentId,
  template: b.template,
  category: b.category,
  purpose: 'broadcast' as const,
  sendAt: b.localSendAt,
  scheduledAt: b.scheduledAt.toISOString(),
  state: b.state,
  requested: b.requested,
  createdAt: b.createdAt.toISOString(),
  finishedAt: b.finishedAt?.toISOString() ?? null,
});

/** A message to a segment at a local time, fanned out in throttled batches; cancellable. */
export function registerBroadcastRoutes(app: HttpApp, deps: BroadcastDeps): void {
  app.post(
    '/v1/broadcasts',
    {
      schema: {
        tags: ['broadcasts'],
        operationId: 'scheduleBroadcast',
        summary: "Schedule a message to a segment's members at a local time",
        description:
          'Members who revoked the category on every messaging channel are not requested; other consent is checked per channel by notifications.',
        headers: BrandScopeHeaders,
        body: BroadcastBody,
        response: { 201: BroadcastResponse, ...problemResponses(400, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          present(await scheduleBroadcast(deps, request.headers['x-laoke-brand-id'], request.body)),
        ),
  );

  app.get(
    '/v1/broadcasts/:broadcastId',
    {
      schema: {
        tags: ['broadcasts'],
        operationId: 'getBroadcast',
        summary: "A broadcast's state and how many members it requested so far",
        headers: BrandScopeHeaders,
        params: BroadcastParams,
        response: { 200: BroadcastResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      present(
        await findBroadcast(deps, request.headers['x-laoke-brand-id'], request.params.broadcastId),
      ),
  );

  app.post(
    '/v1/broadcasts/:broadcastId/cancel',
    {
      schema: {
        tags: ['broadcasts'],
        operationId: 'cancelBroadcast',
        summary: 'Stop a broadcast: members not yet requested never are',
        headers: BrandScopeHeaders,
        params: BroadcastParams,
        response: { 200: BroadcastResponse, ...problemResponses(400, 404, 422) },
      },
    },
    async (request) =>
      present(
        await cancelBroadcast(
          deps,
          request.headers['x-laoke-brand-id'],
          request.params.broadcastId,
        ),
      ),
  );
}
