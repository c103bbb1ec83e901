import type { NotificationCategory } from '@laoke/contracts';
import { DomainError, type BrandClock, type Database } from '@laoke/platform';
import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import {
  broadcastsRepository as broadcasts,
  type Broadcast,
} from '../../data/broadcasts.repository';
import { segmentsRepository as segments } from '../../data/segments.repository';

export interface BroadcastDeps {
  db: Database;
  clock: BrandClock;
  timeZone: string;
}

export interface BroadcastRequest {
  segmentId: string;
  template: string;
  category: NotificationCategory;
  /** Local date and time in the brand's zone, `YYYY-MM-DDTHH:mm`. */
  sendAt: string;
}

const notFound = () =>
  new DomainError('BROADCAST_NOT_FOUND', 'no broadcast has this id', {
    kind: 'not-found',
    field: 'broadcastId',
  });

/** A local time that does not exist in the zone (a DST gap) is refused, not moved. */
function scheduledAtOf(sendAt: string, timeZone: string): Date {
  const local = DateTime.fromISO(sendAt, { zone: timeZone });
  if (!local.isValid || local.toFormat("yyyy-MM-dd'T'HH:mm") !== sendAt)
    throw new DomainError('INVALID_SEND_AT', 'is not a local time in the brand time zone', {
      kind: 'invalid',
      field: 'sendAt',
    });
  return local.toJSDate();
}

/** Schedules a segment's broadcast; the segment's criteria are fixed as they are now. */
export async function scheduleBroadcast(
  deps: BroadcastDeps,
  brandId: string,
  request: BroadcastRequest,
): Promise<Broadcast> {
  const scheduledAt = scheduledAtOf(request.sendAt, deps.timeZone);
  const segment = await segments.find(deps.db, brandId, request.segmentId);
  if (!segment)
    throw new DomainError('UNKNOWN_SEGMENT', 'no segment has this id', {
      kind: 'unknown-reference',
      field: 'segmentId',
    });
  const broadcast: Broadcast = {
    id: uuidv7(),
    brandId,
    segmentId: segment.id,
    criteria: segment.criteria,
    template: request.template,
    category: request.category,
    localSendAt: request.sendAt,
    scheduledAt,
    state: 'scheduled',
    cursor: null,
    requested: 0,
    lastBatchAt: null,
    createdAt: deps.clock.nowFor(brandId),
    finishedAt: null,
  };
  await broadcasts.insert(deps.db, broadcast);
  return broadcast;
}

export async function findBroadcast(deps: BroadcastDeps, brandId: string, id: string) {
  const broadcast = await broadcasts.find(deps.db, brandId, id);
  if (!broadcast) throw notFound();
  return broadcast;
}

/**
 * Stops a broadcast: members not yet requested never are. Waits for a batch in flight to
 * commit (the batch holds the row), so what it requested is counted. Cancelling a cancelled
 * broadcast changes nothing; a completed one cannot be.
 */
export async function cancelBroadcast(deps: BroadcastDeps, brandId: string, id: string) {
  return deps.db.transaction(async (trx) => {
    const broadcast = await broadcasts.find(trx, brandId, id, true);
    if (!broadcast) throw notFound();
    if (broadcast.state === 'cancelled') return broadcast;
    if (broadcast.state === 'completed')
      throw new DomainError('BROADCAST_COMPLETED', 'the broadcast has sent to every member', {
        kind: 'rule',
      });
    const at = deps.clock.nowFor(brandId);
    await broadcasts.cancel(trx, id, at);
    return { ...broadcast, state: 'cancelled' as const, finishedAt: at };
  });
}
