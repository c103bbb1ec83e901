import { BrandScopeHeaders, notFound, problemResponses, type HttpApp } from '@laoke/platform';
import type { Member } from '../domain/member';
import { registerMember, type RegisterMemberDeps } from '../domain/register-member.use-case';
import { membersRepository } from '../data/members.repository';
import { MemberParams, MemberResponse, RegisterMemberBody } from './members.schemas';

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
        response: { 201: MemberResponse, 200: MemberResponse, ...problemResponses(400, 409, 422) },
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
    async (request) => {
      const member = await membersRepository.findById(
        deps.db,
        request.headers['x-laoke-brand-id'],
        request.params.memberId,
      );
      if (!member)
        throw notFound(
          'MEMBER_NOT_FOUND',
          `member ${request.params.memberId} does not exist`,
          'memberId',
        );
      return toResponse(member);
    },
  );
}
