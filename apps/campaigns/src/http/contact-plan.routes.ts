import {
  BrandScopeHeaders,
  Closed,
  Identifier,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type BrandClock,
  type Database,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import type { ContactStanding } from '../data/contact-plan.repository';
import type { ContactPlanPolicy } from '../domain/contact-plan/contact-plan-policy';
import { membersBelowTarget } from '../domain/contact-plan/members-below-target.use-case';

const NullableString = Type.Union([Type.String(), Type.Null()]);

const ContactPlanMember = Type.Object(
  {
    memberId: Type.String(),
    storeId: Type.String(),
    associateId: NullableString,
    yearStartsOn: Type.String({
      format: 'date',
      description: 'local day the membership year began',
    }),
    yearEndsOn: Type.String({ format: 'date', description: 'local day the next one begins' }),
    contacts: Type.Integer({ description: "contacts in the store's name this membership year" }),
    target: Type.Integer(),
    missing: Type.Integer(),
    nextCallDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'the open plan call, if one is on the list',
    }),
  },
  { $id: 'ContactPlanMember' },
);

export function registerContactPlanRoutes(
  app: HttpApp,
  deps: { db: Database; clock: BrandClock; policy: ContactPlanPolicy },
): void {
  const target = deps.policy.contactsPerYear;
  const present = (m: ContactStanding) => ({
    memberId: m.memberId,
    storeId: m.storeId,
    associateId: m.associateId,
    yearStartsOn: m.yearStartsOn,
    yearEndsOn: m.yearEndsOn,
    contacts: m.contacts,
    target,
    missing: target - m.contacts,
    nextCallDueAt: m.nextCallDueAt?.toISOString() ?? null,
  });
  app.get(
    '/v1/contact-plan',
    {
      schema: {
        tags: ['staff-tasks'],
        operationId: 'contactPlanBelowTarget',
        summary: "A store's members below this year's contact target, longest-standing first",
        headers: BrandScopeHeaders,
        querystring: Closed({ ...PageQuery.properties, storeId: Identifier() }),
        response: { 200: pageOf(ContactPlanMember), ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await membersBelowTarget(
        deps,
        { brandId: request.headers['x-laoke-brand-id'], storeId: request.query.storeId },
        page,
      );
      return toPage(
        rows,
        page.limit,
        (m) => ({ key: m.registeredAt.toISOString(), id: m.memberId }),
        present,
      );
    },
  );
}
