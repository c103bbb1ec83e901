import {
  BrandScopeHeaders,
  Closed,
  Uuid,
  PageQuery,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import { memberFollowUps, type MemberFollowUpsDeps } from '../domain/member-follow-ups.use-case';

const FollowUpResponse = Type.Object(
  {
    followUpId: Type.String(),
    purchaseId: Type.String(),
    step: Type.String({ description: 'a fallback message is `<call step>.not-reached`' }),
    occurrence: Type.Integer({ description: "1, 2, … for a repeating step's occurrences" }),
    cadenceVersion: Type.Integer({ description: 'the cadence version the purchase started on' }),
    action: Type.String({ description: 'message or task' }),
    template: Type.String({ description: 'the message template, or the task kind' }),
    dueAt: Type.String({ format: 'date-time' }),
    status: Type.String({ description: 'pending, dispatched, skipped or superseded' }),
    reason: Type.Union([Type.String(), Type.Null()], {
      description:
        'why a step was skipped or superseded: late-purchase, thanked-today, newer-purchase, opted-out, coalesced, erased',
    }),
  },
  { $id: 'FollowUp' },
);

export function registerFollowUpRoutes(app: HttpApp, deps: MemberFollowUpsDeps): void {
  app.get(
    '/v1/members/:memberId/follow-ups',
    {
      schema: {
        tags: ['follow-ups'],
        operationId: 'listFollowUps',
        summary: "A member's follow-up cadence steps (R6), planned and done, in due order",
        headers: BrandScopeHeaders,
        params: Closed({ memberId: Uuid() }),
        querystring: PageQuery,
        response: { 200: pageOf(FollowUpResponse), ...problemResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await memberFollowUps(
        deps,
        {
          brandId: request.headers['x-laoke-brand-id'],
          memberId: request.params.memberId,
          requestId: request.id,
        },
        page,
      );
      return toPage(
        rows,
        page.limit,
        (f) => ({
          key: f.dueAt.toISOString(),
          id: f.id,
        }),
        (f) => ({
          followUpId: f.id,
          purchaseId: f.purchaseId,
          step: f.step,
          occurrence: f.occurrence,
          cadenceVersion: f.cadenceVersion,
          action: f.action,
          template: f.template,
          dueAt: f.dueAt.toISOString(),
          status: f.status,
          reason: f.reason,
        }),
      );
    },
  );
}
