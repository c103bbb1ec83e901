import {
  BrandScopeHeaders,
  Closed,
  PageQuery,
  Text,
  Uuid,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import type { Segment } from '../data/segments.repository';
import { SegmentCriteria } from '../domain/segments/segment-criteria';
import {
  createSegment,
  deleteSegment,
  findSegment,
  listSegments,
  previewSegment,
  replaceSegment,
  type SegmentDeps,
} from '../domain/segments/segments.use-case';

const SegmentBody = Closed(
  { name: Text({ maxLength: 100 }), criteria: SegmentCriteria },
  { $id: 'SegmentInput' },
);
const SegmentParams = Closed({ segmentId: Uuid() });

const SegmentResponse = Type.Object(
  {
    segmentId: Type.String(),
    name: Type.String(),
    criteria: Type.Unknown({ description: 'the criteria as defined (SegmentCriteria)' }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Segment' },
);

const Score = Type.Integer({ minimum: 1, maximum: 5 });
const SegmentPreview = Type.Object(
  {
    segmentId: Type.String(),
    count: Type.Integer({ description: 'members matching now' }),
    countedAt: Type.String(),
    sample: Type.Array(
      Type.Object({
        memberId: Type.String(),
        homeStoreId: Type.String(),
        regionId: Type.Union([Type.String(), Type.Null()]),
        tier: Type.Union([Type.String(), Type.Null()]),
        rfm: Type.Object({ recency: Score, frequency: Score, monetary: Score }),
      }),
      { description: 'the first few members by id; no personal data' },
    ),
  },
  { $id: 'SegmentPreview' },
);

const present = (s: Segment) => ({
  segmentId: s.id,
  name: s.name,
  criteria: s.criteria,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

const brandOf = (request: { headers: { 'x-laoke-brand-id': string } }) =>
  request.headers['x-laoke-brand-id'];

/** Segments of the brand's members, defined as data (criteria), and their preview. */
export function registerSegmentRoutes(app: HttpApp, deps: SegmentDeps): void {
  app.post(
    '/v1/segments',
    {
      schema: {
        tags: ['segments'],
        operationId: 'createSegment',
        summary: 'Define a segment of members by criteria (all must hold)',
        headers: BrandScopeHeaders,
        body: SegmentBody,
        response: { 201: SegmentResponse, ...problemResponses(400) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(present(await createSegment(deps, brandOf(request), request.body))),
  );

  app.get(
    '/v1/segments',
    {
      schema: {
        tags: ['segments'],
        operationId: 'listSegments',
        summary: "The brand's segments, oldest first",
        headers: BrandScopeHeaders,
        querystring: PageQuery,
        response: { 200: pageOf(SegmentResponse), ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await listSegments(deps, brandOf(request), page);
      return toPage(
        rows,
        page.limit,
        (s) => ({ key: s.createdAt.toISOString(), id: s.id }),
        present,
      );
    },
  );

  app.get(
    '/v1/segments/:segmentId',
    {
      schema: {
        tags: ['segments'],
        operationId: 'getSegment',
        summary: 'One segment and its criteria',
        headers: BrandScopeHeaders,
        params: SegmentParams,
        response: { 200: SegmentResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) => present(await findSegment(deps, brandOf(request), request.params.segmentId)),
  );

  app.put(
    '/v1/segments/:segmentId',
    {
      schema: {
        tags: ['segments'],
        operationId: 'replaceSegment',
        summary: "Replace a segment's name and criteria (scheduled broadcasts keep theirs)",
        headers: BrandScopeHeaders,
        params: SegmentParams,
        body: SegmentBody,
        response: { 200: SegmentResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      present(await replaceSegment(deps, brandOf(request), request.params.segmentId, request.body)),
  );

  app.delete(
    '/v1/segments/:segmentId',
    {
      schema: {
        tags: ['segments'],
        operationId: 'deleteSegment',
        summary: 'Remove a segment and answer it (scheduled broadcasts still send)',
        headers: BrandScopeHeaders,
        params: SegmentParams,
        response: { 200: SegmentResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      present(await deleteSegment(deps, brandOf(request), request.params.segmentId)),
  );

  app.post(
    '/v1/segments/:segmentId/preview',
    {
      schema: {
        tags: ['segments'],
        operationId: 'previewSegment',
        summary:
          'How many members the segment holds now, with a small sample without personal data',
        headers: BrandScopeHeaders,
        params: SegmentParams,
        response: { 200: SegmentPreview, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const preview = await previewSegment(deps, brandOf(request), request.params.segmentId);
      return { ...preview, countedAt: preview.countedAt.toISOString() };
    },
  );
}
