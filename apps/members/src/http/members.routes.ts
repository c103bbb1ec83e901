import { ProblemError, problemResponses, type HttpApp, type PiiCipher } from '@laoke/platform';
import { Type } from 'typebox';
import { findMember, getMember } from '../domain/find-member.use-case';
import type { Member } from '../domain/member';
import { registerMember, type RegisterMemberDeps } from '../domain/register-member.use-case';
import { updateMember } from '../domain/update-member.use-case';
import {
  CallerHeaders,
  etagOf,
  mayViewPersonalData,
  memberView,
  versionFromIfMatch,
} from './member-view';
import {
  MemberParams,
  MemberResponse,
  RegisterMemberBody,
  SearchMemberBody,
  UpdateMemberBody,
} from './members.schemas';

const ETagHeader = { ETag: Type.String({ description: 'Send it back in If-Match to change' }) };
export const withETag = {
  description: 'The member',
  headers: ETagHeader,
  content: { 'application/json': { schema: MemberResponse } },
};

export const UpdateHeaders = Type.Object({
  ...CallerHeaders.properties,
  'if-match': Type.Optional(
    Type.String({ maxLength: 100, description: 'The ETag of the member as last read' }),
  ),
});

/** A write without If-Match could overwrite what another clerk saved in the meantime. */
export function expectedVersion(ifMatch: string | undefined): number {
  if (ifMatch === undefined) {
    throw new ProblemError(
      428,
      'IF_MATCH_REQUIRED',
      'send the ETag of the member as last read in If-Match',
      'if-match',
    );
  }
  const version = versionFromIfMatch(ifMatch);
  if (version === undefined) {
    throw new ProblemError(
      412,
      'STALE_VERSION',
      'If-Match names no version of this member',
      'if-match',
    );
  }
  return version;
}

export function registerMembersRoutes(
  app: HttpApp,
  deps: RegisterMemberDeps & { pii: PiiCipher },
): void {
  const show = (member: Member, roles: string | undefined) =>
    memberView(member, deps.pii, mayViewPersonalData(roles));

  app.post(
    '/v1/members',
    {
      schema: {
        tags: ['members'],
        operationId: 'registerMember',
        summary:
          'Register a member with their profile (R1, R3, R7); a retry with the same mobile returns the first result',
        headers: CallerHeaders,
        body: RegisterMemberBody,
        response: { 201: withETag, 200: withETag, ...problemResponses(400, 409, 422) },
      },
    },
    async (request, reply) => {
      const { member, created } = await registerMember(
        deps,
        request.headers['x-laoke-brand-id'],
        request.body,
        request.id,
      );
      return reply
        .status(created ? 201 : 200)
        .header('etag', etagOf(member))
        .send(show(member, request.headers['x-laoke-roles']));
    },
  );

  app.post(
    '/v1/members/search',
    {
      schema: {
        tags: ['members'],
        operationId: 'searchMember',
        summary: 'Find a member by mobile or card number, given in the body so no URL carries it',
        headers: CallerHeaders,
        body: SearchMemberBody,
        response: { 200: MemberResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      show(
        await findMember(deps, request.headers['x-laoke-brand-id'], request.body),
        request.headers['x-laoke-roles'],
      ),
  );

  app.get(
    '/v1/members/:memberId',
    {
      schema: {
        tags: ['members'],
        operationId: 'getMember',
        summary: 'A member profile; personal data masked unless the caller’s role allows full view',
        headers: CallerHeaders,
        params: MemberParams,
        response: { 200: withETag, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const member = await getMember(
        deps,
        request.headers['x-laoke-brand-id'],
        request.params.memberId,
      );
      return reply
        .header('etag', etagOf(member))
        .send(show(member, request.headers['x-laoke-roles']));
    },
  );

  app.patch(
    '/v1/members/:memberId',
    {
      schema: {
        tags: ['members'],
        operationId: 'updateMember',
        summary:
          'Change some profile fields (R1); If-Match must carry the ETag last read, null clears a field',
        headers: UpdateHeaders,
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: withETag, ...problemResponses(400, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      if (Object.keys(request.body).length === 0) {
        throw new ProblemError(
          400,
          'NOTHING_TO_CHANGE',
          'give at least one field to change',
          'body',
        );
      }
      const member = await updateMember(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        memberId: request.params.memberId,
        expectedVersion: expectedVersion(request.headers['if-match']),
        changes: request.body,
        correlationId: request.id,
      });
      return reply
        .header('etag', etagOf(member))
        .send(show(member, request.headers['x-laoke-roles']));
    },
  );
}
