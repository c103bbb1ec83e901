import { BrandScopeHeaders, problemResponses, type HttpApp } from '@laoke/platform';
import { findMember, getMember } from '../domain/find-member.use-case';
import type { Member } from '../domain/member';
import { registerMember, type RegisterMemberDeps } from '../domain/register-member.use-case';
import {
  MemberParams,
  MemberResponse,
  RegisterMemberBody,
  SearchMemberBody,
} from './members.schemas';

const toResponse = (member: Member) => ({
  memberId: member.id,
  cardNumber: member.cardNumber,
  name: member.name,
  mobile: member.mobileMasked,
  birthday: member.birthday,
  homeStoreId: member.homeStoreId,
  registeredAt: member.registeredAt.toISOString(),
});

export function registerMembersRoutes(app: HttpApp, deps: RegisterMemberDeps): void {
  app.post(
    '/v1/members',
    {
      schema: {
        tags: ['members'],
        operationId: 'registerMember',
        summary:
          'Register a member (R1, R3); a retry with the same mobile returns the first result',
        headers: BrandScopeHeaders,
        body: RegisterMemberBody,
        response: { 201: MemberResponse, 200: MemberResponse, ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const { member, created } = await registerMember(
        deps,
        request.headers['x-laoke-brand-id'],
        request.body,
        request.id,
      );
      return reply.status(created ? 201 : 200).send(toResponse(member));
    },
  );

  app.post(
    '/v1/members/search',
    {
      schema: {
        tags: ['members'],
        operationId: 'searchMember',
        summary: 'Find a member by mobile or card number, given in the body so no URL carries it',
        headers: BrandScopeHeaders,
        body: SearchMemberBody,
        response: { 200: MemberResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      toResponse(await findMember(deps, request.headers['x-laoke-brand-id'], request.body)),
  );

  app.get(
    '/v1/members/:memberId',
    {
      schema: {
        tags: ['members'],
        operationId: 'getMember',
        summary: 'A member profile, personal data masked',
        headers: BrandScopeHeaders,
        params: MemberParams,
        response: { 200: MemberResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      toResponse(
        await getMember(deps, request.headers['x-laoke-brand-id'], request.params.memberId),
      ),
  );
}
