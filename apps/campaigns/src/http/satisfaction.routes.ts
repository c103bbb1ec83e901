import { CaseStatus } from '@laoke/contracts';
import {
  BrandScopeHeaders,
  LocalPeriodQuery,
  periodOf,
  Closed,
  Identifier,
  Integer,
  PageQuery,
  Text,
  Uuid,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type BrandClock,
  type Database,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import type { ComplaintCase } from '../data/cases.repository';
import { answerSurvey } from '../domain/satisfaction/answer-survey.use-case';
import { changeCase } from '../domain/satisfaction/change-case.use-case';
import { REASON_CODES, type SatisfactionPolicy } from '../domain/satisfaction/satisfaction-policy';
import { getCase, storeCases } from '../domain/satisfaction/store-cases.use-case';
import { storeSatisfaction } from '../domain/satisfaction/store-satisfaction.use-case';

export interface SatisfactionRouteDeps {
  db: Database;
  clock: BrandClock;
  policy: SatisfactionPolicy;
  timeZone: string;
}

const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);

const CaseResponse = Type.Object(
  {
    caseId: Type.String(),
    storeId: Type.String(),
    memberId: Type.String(),
    surveyId: Type.String(),
    status: CaseStatus,
    deadlineAt: Time,
    openedAt: Time,
    contactedAt: NullableTime,
    resolvedAt: NullableTime,
    escalatedAt: NullableTime,
    resolution: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ComplaintCase' },
);

const present = (c: ComplaintCase) => ({
  caseId: c.id,
  storeId: c.storeId,
  memberId: c.memberId,
  surveyId: c.surveyId,
  status: c.status,
  deadlineAt: c.deadlineAt.toISOString(),
  openedAt: c.openedAt.toISOString(),
  contactedAt: c.contactedAt?.toISOString() ?? null,
  resolvedAt: c.resolvedAt?.toISOString() ?? null,
  escalatedAt: c.escalatedAt?.toISOString() ?? null,
  resolution: c.resolution,
});

const SurveyResponseBody = Closed(
  {
    score: Integer({ minimum: 1, maximum: 5, description: '1 (very unhappy) to 5 (very happy)' }),
    comment: Type.Optional(Text({ maxLength: 1000 })),
    reasonCodes: Type.Optional(
      Type.Array(Type.Enum([...REASON_CODES]), {
        maxItems: REASON_CODES.length,
        uniqueItems: true,
      }),
    ),
  },
  { $id: 'SurveyResponse' },
);

const CaseTransitionBody = Closed(
  {
    to: Type.Enum(['contacted', 'resolved']),
    resolution: Type.Optional(Text({ maxLength: 1000 })),
  },
  { $id: 'CaseTransition' },
);

export function registerSatisfactionRoutes(app: HttpApp, deps: SatisfactionRouteDeps): void {
  app.post(
    '/v1/surveys/:surveyId/responses',
    {
      schema: {
        tags: ['satisfaction'],
        operationId: 'answerSurvey',
        summary: "A member's answer to a purchase survey; a low score opens a complaint case (R8)",
        headers: BrandScopeHeaders,
        params: Closed({ surveyId: Uuid() }),
        body: SurveyResponseBody,
        response: {
          201: Type.Object(
            {
              caseId: Type.Union([Type.String(), Type.Null()], {
                description: 'the complaint case a low score opened',
              }),
            },
            { $id: 'SurveyAnswerOutcome' },
          ),
          ...problemResponses(400, 404, 409, 422),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await answerSurvey(
            deps,
            { brandId: request.headers['x-laoke-brand-id'], surveyId: request.params.surveyId },
            request.body,
          ),
        ),
  );

  app.get(
    '/v1/stores/:storeId/cases',
    {
      schema: {
        tags: ['satisfaction'],
        operationId: 'listStoreCases',
        summary: "A store's complaint cases, newest first",
        headers: BrandScopeHeaders,
        params: Closed({ storeId: Identifier() }),
        querystring: Closed({ ...PageQuery.properties, status: Type.Optional(CaseStatus) }),
        response: { 200: pageOf(CaseResponse), ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await storeCases(
        deps,
        {
          brandId: request.headers['x-laoke-brand-id'],
          storeId: request.params.storeId,
          ...(request.query.status && { status: request.query.status }),
        },
        page,
      );
      return toPage(
        rows,
        page.limit,
        (c) => ({ key: c.openedAt.toISOString(), id: c.id }),
        present,
      );
    },
  );

  app.get(
    '/v1/cases/:caseId',
    {
      schema: {
        tags: ['satisfaction'],
        operationId: 'getCase',
        summary: 'A complaint case',
        headers: BrandScopeHeaders,
        params: Closed({ caseId: Uuid() }),
        response: { 200: CaseResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      present(
        await getCase(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          caseId: request.params.caseId,
        }),
      ),
  );

  app.post(
    '/v1/cases/:caseId/transitions',
    {
      schema: {
        tags: ['satisfaction'],
        operationId: 'changeCase',
        summary: 'Move a case on: contacted, then resolved',
        headers: BrandScopeHeaders,
        params: Closed({ caseId: Uuid() }),
        body: CaseTransitionBody,
        response: { 200: CaseResponse, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) =>
      present(
        await changeCase(
          deps,
          { brandId: request.headers['x-laoke-brand-id'], caseId: request.params.caseId },
          request.body,
        ),
      ),
  );

  app.get(
    '/v1/stores/:storeId/satisfaction',
    {
      schema: {
        tags: ['satisfaction'],
        operationId: 'storeSatisfaction',
        summary: "How a store's members scored their purchases over a period of local days",
        headers: BrandScopeHeaders,
        params: Closed({ storeId: Identifier() }),
        querystring: LocalPeriodQuery,
        response: {
          200: Type.Object(
            {
              responses: Type.Integer(),
              averageScore: Type.Union([Type.Number(), Type.Null()]),
              lowScores: Type.Integer(),
            },
            { $id: 'StoreSatisfaction' },
          ),
          ...problemResponses(400),
        },
      },
    },
    (request) =>
      storeSatisfaction(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        storeId: request.params.storeId,
        ...periodOf(request.query, deps.timeZone),
      }),
  );
}
