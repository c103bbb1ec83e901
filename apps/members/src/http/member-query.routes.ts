import {
  AnyMobile,
  Closed,
  Identifier,
  Integer,
  PageQuery,
  Text,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
  type PiiCipher,
} from '@laoke/platform';
import { Type } from 'typebox';
import { searchMembers } from '../domain/search-members.use-case';
import type { RegisterMemberDeps } from '../domain/register-member.use-case';
import { CallerHeaders, mayViewPersonalData, memberView } from './member-view';
import { MemberResponse } from './members.schemas';

/** Criteria travel in the body: a mobile never appears in a URL (docs/api-conventions.md). */
const MemberQueryBody = Closed(
  {
    mobile: Type.Optional(AnyMobile()),
    cardNumber: Type.Optional(Identifier({ maxLength: 32, description: 'An active card' })),
    namePrefix: Type.Optional(Text({ maxLength: 50, description: 'The start of the name' })),
    tag: Type.Optional(Text({ maxLength: 30 })),
    homeStoreId: Type.Optional(Identifier()),
    servingAssociateId: Type.Optional(
      Type.Union([Identifier(), Type.Null()], {
        description: 'null: the members nobody serves (R2), e.g. after a departure',
      }),
    ),
    birthdayMonth: Type.Optional(Integer({ minimum: 1, maximum: 12 })),
    ...PageQuery.properties,
  },
  {
    $id: 'MemberQueryRequest',
    description: 'Every criterion given must hold; none lists the whole brand',
  },
);

export function registerMemberQueryRoutes(
  app: HttpApp,
  deps: RegisterMemberDeps & { pii: PiiCipher },
): void {
  app.post(
    '/v1/members/query',
    {
      schema: {
        tags: ['members'],
        operationId: 'queryMembers',
        summary:
          "The brand's members matching every criterion, oldest registration first, any store of the brand; personal data masked by role",
        headers: CallerHeaders,
        body: MemberQueryBody,
        response: { 200: pageOf(MemberResponse), ...problemResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor, ...search } = request.body;
      const page = pageRequest({ limit, cursor });
      const found = await searchMembers(deps, request.headers['x-laoke-brand-id'], search, page);
      const fullView = mayViewPersonalData(request.headers['x-laoke-roles']);
      return toPage(
        found,
        page.limit,
        (member) => ({ key: member.registeredAt.toISOString(), id: member.id }),
        (member) => memberView(member, deps.pii, fullView),
      );
    },
  );
}
