import {
  BrandScopeHeaders,
  Closed,
  Integer,
  PageQuery,
  Text,
  Timestamp,
  Uuid,
  pageOf,
  pageRequest,
  problemResponses,
  replyIdempotent,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import {
  drawCandidates,
  getLuckyDraw,
  runLuckyDraw,
  type LuckyDrawDeps,
} from '../domain/lucky-draw/lucky-draw.use-case';
import { IdempotencyHeaders } from './loyalty.schemas';

const LuckyDrawBody = Closed(
  {
    name: Text({ maxLength: 100 }),
    winners: Integer({ minimum: 1, maximum: 10_000, description: 'how many winners to draw' }),
    drawAt: Type.Optional(
      Timestamp({ description: 'balances are read at this instant (default now); not later' }),
    ),
  },
  { $id: 'LuckyDrawRequest' },
);

const DrawParams = Closed({ drawId: Uuid() });

const LuckyDrawResponse = Type.Object(
  {
    drawId: Type.String(),
    name: Type.String(),
    winnersWanted: Type.Integer(),
    drawAt: Type.String(),
    seed: Type.String({
      description: 'random, recorded: with the candidates it decides the winners',
    }),
    algorithm: Type.String(),
    candidateCount: Type.Integer(),
    winners: Type.Array(
      Type.Object({
        rank: Type.Integer(),
        memberId: Type.String(),
        spendablePoints: Type.Integer(),
      }),
    ),
    createdAt: Type.String(),
  },
  { $id: 'LuckyDraw' },
);

const DrawCandidate = Type.Object(
  {
    memberId: Type.String(),
    spendablePoints: Type.Integer({ description: 'spendable balance at drawAt' }),
    winnerRank: Type.Union([Type.Integer(), Type.Null()]),
  },
  { $id: 'LuckyDrawCandidate' },
);

/** R4: lucky draws among members whose spendable balance ends in 6 or 8. */
export function registerLuckyDrawRoutes(app: HttpApp, deps: LuckyDrawDeps): void {
  app.post(
    '/v1/lucky-draws',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'runLuckyDraw',
        summary: 'Draw winners among members whose spendable balance ends in 6 or 8 (R4)',
        headers: IdempotencyHeaders,
        body: LuckyDrawBody,
        response: { 201: LuckyDrawResponse, ...problemResponses(400, 422) },
      },
    },
    async (request, reply) =>
      replyIdempotent(
        reply,
        201,
        await runLuckyDraw(deps, {
          brandId: request.headers['x-laoke-brand-id'],
          idempotencyKey: request.headers['idempotency-key'],
          input: request.body,
        }),
      ),
  );

  app.get(
    '/v1/lucky-draws/:drawId',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'getLuckyDraw',
        summary: 'A draw: its seed, algorithm, candidate count and winners',
        headers: BrandScopeHeaders,
        params: DrawParams,
        response: { 200: LuckyDrawResponse, ...problemResponses(400, 404) },
      },
    },
    (request) => getLuckyDraw(deps, request.headers['x-laoke-brand-id'], request.params.drawId),
  );

  app.get(
    '/v1/lucky-draws/:drawId/candidates',
    {
      schema: {
        tags: ['rewards'],
        operationId: 'listLuckyDrawCandidates',
        summary: 'The candidate snapshot of a draw, by member id, to re-run it',
        headers: BrandScopeHeaders,
        params: DrawParams,
        querystring: PageQuery,
        response: { 200: pageOf(DrawCandidate), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const { draw, rows } = await drawCandidates(
        deps,
        request.headers['x-laoke-brand-id'],
        request.params.drawId,
        page,
      );
      return toPage(
        rows,
        page.limit,
        (c) => ({ key: draw.drawAt.toISOString(), id: c.memberId }),
        (c) => c,
      );
    },
  );
}
