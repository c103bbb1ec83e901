import {
  Closed,
  IdempotencyKeyHeader,
  ProblemError,
  Text,
  problemResponses,
  replyIdempotent,
  type HttpApp,
} from '@laoke/platform';
import type { preValidationHookHandler } from 'fastify';
import { Type } from 'typebox';
import { eraseMember, findErasure } from '../domain/erase-member.use-case';
import type { RegisterMemberDeps } from '../domain/register-member.use-case';
import { CallerHeaders, mayViewPersonalData } from './member-view';
import { MemberParams } from './members.schemas';

const ErasureSource = Type.Enum(['store-counter', 'phone', 'online', 'written'], {
  description: 'How the request to be forgotten reached the brand',
});

const EraseMemberBody = Closed(
  {
    requestedBy: Text({
      maxLength: 100,
      description: 'Who asked (e.g. "member in person", a staff id); no personal data',
    }),
    reason: Text({ maxLength: 500, description: 'Why, as evidence; no personal data' }),
    source: ErasureSource,
  },
  { $id: 'MemberErasureRequest' },
);

const ErasureResponse = Type.Object(
  {
    memberId: Type.String(),
    requestedBy: Type.String(),
    reason: Type.String(),
    source: ErasureSource,
    erasedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'MemberErasure' },
);

/**
 * Erasing is for the roles that may see personal data in full (brand admin, membership
 * officer). Checked before validation, so another role learns nothing from a 400.
 */
const requireErasureRole: preValidationHookHandler = (request, _reply, done) => {
  const roles = request.headers['x-laoke-roles'];
  if (mayViewPersonalData(Array.isArray(roles) ? roles.join(',') : roles)) return done();
  done(
    new ProblemError(
      403,
      'FORBIDDEN',
      'only a brand admin or a membership officer may erase a member or read an erasure',
    ),
  );
};

/** PIPL: erase a member on request, and show the evidence that it was done. */
export function registerErasureRoutes(app: HttpApp, deps: RegisterMemberDeps): void {
  app.post(
    '/v1/members/:memberId/erasure',
    {
      preValidation: requireErasureRole,
      schema: {
        tags: ['members'],
        operationId: 'eraseMember',
        summary:
          'Erase a member (PIPL): personal data removed, card blocked, consents revoked, member.erased published; idempotent per Idempotency-Key',
        headers: Type.Object({ ...CallerHeaders.properties, ...IdempotencyKeyHeader }),
        params: MemberParams,
        body: EraseMemberBody,
        response: { 201: ErasureResponse, ...problemResponses(400, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const outcome = await eraseMember(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        request: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        correlationId: request.id,
      });
      return replyIdempotent(reply, 201, outcome);
    },
  );

  app.get(
    '/v1/members/:memberId/erasure',
    {
      preValidation: requireErasureRole,
      schema: {
        tags: ['members'],
        operationId: 'getMemberErasure',
        summary: 'The evidence of a member’s erasure: who asked, why, how and when',
        headers: CallerHeaders,
        params: MemberParams,
        response: { 200: ErasureResponse, ...problemResponses(400, 403, 404) },
      },
    },
    async (request) =>
      findErasure(deps, request.headers['x-laoke-brand-id'], request.params.memberId),
  );
}
