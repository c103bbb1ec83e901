import { problemResponses, replyIdempotent, type HttpApp } from '@laoke/platform';
import { recordPurchase, type RecordPurchaseDeps } from '../domain/record-purchase.use-case';
import { returnPurchase } from '../domain/return-purchase.use-case';
import {
  IdempotencyHeaders,
  PurchaseParams,
  RecordPurchaseBody,
  RecordedPurchaseResponse,
  RecordedReturnResponse,
  ReturnPurchaseBody,
} from './loyalty.schemas';

export function registerPurchaseRoutes(app: HttpApp, deps: RecordPurchaseDeps): void {
  app.post(
    '/v1/purchases',
    {
      schema: {
        tags: ['purchases'],
        operationId: 'recordPurchase',
        summary: 'Record a POS sale and credit its points (R4); idempotent per Idempotency-Key',
        headers: IdempotencyHeaders,
        body: RecordPurchaseBody,
        response: { 201: RecordedPurchaseResponse, ...problemResponses(400, 409, 422, 503) },
      },
    },
    async (request, reply) =>
      replyIdempotent(
        reply,
        201,
        await recordPurchase(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          idempotencyKey: request.headers['idempotency-key'],
          requestId: request.id,
          input: request.body,
        }),
      ),
  );

  app.post(
    '/v1/purchases/:purchaseId/returns',
    {
      schema: {
        tags: ['purchases'],
        operationId: 'returnPurchase',
        summary:
          'Return lines of a purchase (or all of it): each line gives back the points it earned (R4)',
        headers: IdempotencyHeaders,
        params: PurchaseParams,
        body: ReturnPurchaseBody,
        response: { 201: RecordedReturnResponse, ...problemResponses(400, 404, 422, 503) },
      },
    },
    async (request, reply) =>
      replyIdempotent(
        reply,
        201,
        await returnPurchase(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          purchaseId: request.params.purchaseId,
          idempotencyKey: request.headers['idempotency-key'],
          requestId: request.id,
          ...(request.body.lines && { lines: request.body.lines }),
        }),
      ),
  );
}
