import { Closed, Identifier, Text, problemResponses, type HttpApp } from '@laoke/platform';
import { ConsentCategory, ConsentChannel } from '@laoke/contracts';
import { Type } from 'typebox';
import type { Consent } from '../data/consents.repository';
import { changeConsents, currentConsents } from '../domain/member-consents.use-case';
import type { RegisterMemberDeps } from '../domain/register-member.use-case';
import { CallerHeaders } from './member-view';
import { MemberParams } from './members.schemas';

const ChangeConsentsBody = Closed(
  {
    consents: Type.Array(
      Closed({ channel: ConsentChannel, category: ConsentCategory, granted: Type.Boolean() }),
      { minItems: 1, maxItems: 12 },
    ),
    source: Text({ maxLength: 64, description: 'e.g. store-form, sms-reply, api' }),
    actor: Type.Optional(Identifier({ description: 'Who recorded it: a staff id, a system' })),
    wording: Type.Optional(
      Text({ maxLength: 2000, description: 'The text the member agreed to or refused' }),
    ),
  },
  { $id: 'ConsentChangeRequest' },
);

const ConsentsResponse = Type.Object(
  {
    memberId: Type.String(),
    consents: Type.Array(
      Type.Object({
        channel: Type.String(),
        category: Type.String(),
        granted: Type.Boolean(),
        source: Type.String(),
        changedAt: Type.String({ format: 'date-time' }),
      }),
    ),
  },
  { $id: 'MemberConsents', description: 'A channel and category not listed was never decided' },
);

const present = (memberId: string, consents: Consent[]) => ({
  memberId,
  consents: consents.map((c) => ({ ...c, changedAt: c.changedAt.toISOString() })),
});

/** R5 and the personal-data law: consent per channel × category, each change with its evidence. */
export function registerConsentRoutes(app: HttpApp, deps: RegisterMemberDeps): void {
  app.put(
    '/v1/members/:memberId/consents',
    {
      schema: {
        tags: ['members'],
        operationId: 'changeConsents',
        summary:
          'Record consent decisions per channel and category, with their evidence; repeating the current state changes nothing',
        headers: CallerHeaders,
        params: MemberParams,
        body: ChangeConsentsBody,
        response: { 200: ConsentsResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { consents, ...evidence } = request.body;
      return present(
        request.params.memberId,
        await changeConsents(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          memberId: request.params.memberId,
          change: { decisions: consents, ...evidence },
          correlationId: request.id,
        }),
      );
    },
  );

  app.get(
    '/v1/members/:memberId/consents',
    {
      schema: {
        tags: ['members'],
        operationId: 'getConsents',
        summary: 'The member’s current consent per channel and category',
        headers: CallerHeaders,
        params: MemberParams,
        response: { 200: ConsentsResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      present(
        request.params.memberId,
        await currentConsents(deps, request.headers['x-laoke-brand-id'], request.params.memberId),
      ),
  );
}
