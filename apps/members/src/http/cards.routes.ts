import {
  Closed,
  CnIdNumber,
  IdempotencyKeyHeader,
  Identifier,
  problemResponses,
  replyIdempotent,
  type HttpApp,
  type PiiCipher,
} from '@laoke/platform';
import { Type } from 'typebox';
import { findMemberByCard, replaceCard, reportCard } from '../domain/member-card.use-case';
import type { RegisterMemberDeps } from '../domain/register-member.use-case';
import { CallerHeaders, mayViewPersonalData, memberView } from './member-view';
import { MemberParams, MemberResponse } from './members.schemas';

const ReportCardBody = Closed(
  { reason: Type.Enum(['lost', 'damaged']) },
  { $id: 'CardReportRequest' },
);

const CardResponse = Type.Object(
  {
    cardNumber: Type.String(),
    status: Type.Enum(['active', 'reported', 'blocked']),
    reason: Type.Union([Type.Enum(['lost', 'damaged']), Type.Null()]),
    reportedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Card' },
);

const ReplaceCardBody = Closed(
  {
    idNumber: CnIdNumber({
      description: 'Shown by the member at the counter; must match the one on file',
    }),
  },
  { $id: 'CardReplacementRequest' },
);

const CardReplacementResponse = Type.Object(
  {
    memberId: Type.String(),
    cardNumber: Type.String({ description: 'The new card' }),
    previousCardNumber: Type.String({ description: 'Blocked: resolves to nobody from now on' }),
    issuedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'CardReplacement' },
);

const CardParams = Closed({
  cardNumber: Identifier({ maxLength: 32, description: 'e.g. VIP1000000016' }),
});

/** R3: the VIP card: report it lost or damaged, replace it after identity check, read it at the POS. */
export function registerCardRoutes(app: HttpApp, deps: RegisterMemberDeps & { pii: PiiCipher }) {
  app.post(
    '/v1/members/:memberId/card/reports',
    {
      schema: {
        tags: ['members'],
        operationId: 'reportCard',
        summary: 'Report the member’s card lost or damaged (R3); it stops resolving at once',
        headers: CallerHeaders,
        params: MemberParams,
        body: ReportCardBody,
        response: { 200: CardResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const card = await reportCard(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        reason: request.body.reason,
        correlationId: request.id,
      });
      return {
        cardNumber: card.number,
        status: card.status,
        reason: card.reportedReason,
        reportedAt: card.reportedAt?.toISOString() ?? null,
      };
    },
  );

  app.post(
    '/v1/members/:memberId/card/replacements',
    {
      schema: {
        tags: ['members'],
        operationId: 'replaceCard',
        summary:
          'Issue a new card for a reported one after the ID number matches the one on file (R3); idempotent per Idempotency-Key',
        headers: Type.Object({ ...CallerHeaders.properties, ...IdempotencyKeyHeader }),
        params: MemberParams,
        body: ReplaceCardBody,
        response: { 201: CardReplacementResponse, ...problemResponses(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const outcome = await replaceCard(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        idNumber: request.body.idNumber,
        idempotencyKey: request.headers['idempotency-key'],
        correlationId: request.id,
      });
      return replyIdempotent(reply, 201, outcome);
    },
  );

  app.get(
    '/v1/cards/:cardNumber',
    {
      schema: {
        tags: ['members'],
        operationId: 'getMemberByCard',
        summary:
          'The member holding an active card, for the POS (R3); 404 for a blocked or unknown one',
        headers: CallerHeaders,
        params: CardParams,
        response: { 200: MemberResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      memberView(
        await findMemberByCard(
          deps,
          request.headers['x-laoke-brand-id'],
          request.params.cardNumber,
        ),
        deps.pii,
        mayViewPersonalData(request.headers['x-laoke-roles']),
      ),
  );
}
