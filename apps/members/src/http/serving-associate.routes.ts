import {
  Closed,
  Identifier,
  problemResponses,
  type HttpApp,
  type PiiCipher,
} from '@laoke/platform';
import { Type } from 'typebox';
import { assignServingAssociate } from '../domain/associates/assign-serving-associate.use-case';
import type { RegisterMemberDeps } from '../domain/register-member.use-case';
import { etagOf, mayViewPersonalData, memberView } from './member-view';
import { expectedVersion, UpdateHeaders, withETag } from './members.routes';
import { MemberParams } from './members.schemas';

const ServingAssociateBody = Closed(
  {
    associateId: Type.Union([Identifier({ description: 'A staff id' }), Type.Null()], {
      description: 'An active associate or store manager of the brand; null for nobody',
    }),
  },
  { $id: 'ServingAssociateRequest' },
);

/** R2: who serves a member, set by a person; departures reassign by policy (staff.use-case). */
export function registerServingAssociateRoutes(
  app: HttpApp,
  deps: RegisterMemberDeps & { pii: PiiCipher },
): void {
  app.put(
    '/v1/members/:memberId/serving-associate',
    {
      schema: {
        tags: ['members'],
        operationId: 'assignServingAssociate',
        summary:
          "Set the member's serving associate (R2); If-Match must carry the ETag last read; emits member.associate-reassigned",
        headers: UpdateHeaders,
        params: MemberParams,
        body: ServingAssociateBody,
        response: { 200: withETag, ...problemResponses(400, 404, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const member = await assignServingAssociate(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        expectedVersion: expectedVersion(request.headers['if-match']),
        associateId: request.body.associateId,
        correlationId: request.id,
      });
      return reply
        .header('etag', etagOf(member))
        .send(memberView(member, deps.pii, mayViewPersonalData(request.headers['x-laoke-roles'])));
    },
  );
}
