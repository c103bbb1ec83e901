import { PageQuery, pageRequest, problemResponses, toPage, type HttpApp } from '@laoke/platform';
import { Type } from 'typebox';
import { memberReferrals } from '../domain/member-referrals.use-case';
import type { RegisterMemberDeps } from '../domain/register-member.use-case';
import { CallerHeaders } from './member-view';
import { MemberParams } from './members.schemas';

const ReferralsResponse = Type.Object(
  {
    memberId: Type.String(),
    referrerMemberId: Type.Union([Type.String(), Type.Null()], {
      description: 'Who referred this member, if anyone',
    }),
    items: Type.Array(
      Type.Object({
        memberId: Type.String(),
        name: Type.String(),
        cardNumber: Type.String(),
        via: Type.String(),
        referredAt: Type.String({ format: 'date-time' }),
      }),
      { description: 'The members this member brought, newest first' },
    ),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'MemberReferrals' },
);

/** R7: who referred whom. */
export function registerReferralRoutes(app: HttpApp, deps: RegisterMemberDeps): void {
  app.get(
    '/v1/members/:memberId/referrals',
    {
      schema: {
        tags: ['members'],
        operationId: 'getReferrals',
        summary: 'Who referred the member, and the members they referred (R7), paged',
        headers: CallerHeaders,
        params: MemberParams,
        querystring: PageQuery,
        response: { 200: ReferralsResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { memberId } = request.params;
      const page = pageRequest(request.query);
      const { referrerMemberId, referred } = await memberReferrals(
        deps,
        request.headers['x-laoke-brand-id'],
        memberId,
        page,
      );
      return {
        memberId,
        referrerMemberId,
        ...toPage(
          referred,
          page.limit,
          (r) => ({ key: r.referredAt.toISOString(), id: r.referredMemberId }),
          (r) => ({
            memberId: r.referredMemberId,
            name: r.member.name,
            cardNumber: r.member.cardNumber,
            via: r.via,
            referredAt: r.referredAt.toISOString(),
          }),
        ),
      };
    },
  );
}
