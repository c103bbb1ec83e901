import { DomainError, type BrandClock, type Database, type PageRequest } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  segmentMembersRepository as segmentMembers,
  type SegmentContext,
} from '../../data/segment-members.repository';
import { segmentsRepository as segments, type Segment } from '../../data/segments.repository';
import type { RfmPolicy } from './rfm-policy';
import { checkCriteria, type SegmentCriteria } from './segment-criteria';

export interface SegmentPolicy {
  timeZone: string;
  rfm: RfmPolicy;
}

export interface SegmentDeps {
  db: Database;
  clock: BrandClock;
  policy: SegmentPolicy;
}

export interface SegmentInput {
  name: string;
  criteria: SegmentCriteria;
}

const PREVIEW_SAMPLE_SIZE = 5;

const notFound = () =>
  new DomainError('SEGMENT_NOT_FOUND', 'no segment has this id', {
    kind: 'not-found',
    field: 'segmentId',
  });

export const segmentContext = (deps: SegmentDeps, brandId: string): SegmentContext => ({
  now: deps.clock.nowFor(brandId),
  timeZone: deps.policy.timeZone,
  rfm: deps.policy.rfm,
});

export async function createSegment(deps: SegmentDeps, brandId: string, input: SegmentInput) {
  checkCriteria(input.criteria);
  const now = deps.clock.nowFor(brandId);
  const segment: Segment = {
    id: uuidv7(),
    brandId,
    ...input,
    createdAt: now,
    updatedAt: now,
  };
  await segments.insert(deps.db, segment);
  return segment;
}

export async function findSegment(deps: SegmentDeps, brandId: string, id: string) {
  const segment = await segments.find(deps.db, brandId, id);
  if (!segment) throw notFound();
  return segment;
}

export const listSegments = (deps: SegmentDeps, brandId: string, page: PageRequest) =>
  segments.page(deps.db, brandId, page);

export async function replaceSegment(
  deps: SegmentDeps,
  brandId: string,
  id: string,
  input: SegmentInput,
) {
  checkCriteria(input.criteria);
  const updatedAt = deps.clock.nowFor(brandId);
  const segment = await segments.update(deps.db, brandId, id, { ...input, updatedAt });
  if (!segment) throw notFound();
  return segment;
}

/** Broadcasts already scheduled keep the criteria they were scheduled with. */
export async function deleteSegment(deps: SegmentDeps, brandId: string, id: string) {
  const segment = await segments.remove(deps.db, brandId, id);
  if (!segment) throw notFound();
  return segment;
}

/** How many members the segment holds now, and the first few (ids, store, tier, RFM only). */
export async function previewSegment(deps: SegmentDeps, brandId: string, id: string) {
  const segment = await findSegment(deps, brandId, id);
  const ctx = segmentContext(deps, brandId);
  const [count, sample] = await Promise.all([
    segmentMembers.count(deps.db, brandId, segment.criteria, ctx),
    segmentMembers.pageAfter(
      deps.db,
      { brandId, criteria: segment.criteria, cursor: null, limit: PREVIEW_SAMPLE_SIZE },
      ctx,
    ),
  ]);
  return { segmentId: id, count, sample, countedAt: ctx.now };
}
