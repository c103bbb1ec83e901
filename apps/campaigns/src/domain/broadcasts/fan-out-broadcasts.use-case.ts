import { createEvent } from '@laoke/contracts';
import {
  appendToOutbox,
  tryAdvisoryXactLock,
  type BrandClock,
  type Database,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  broadcastsRepository as broadcasts,
  type Broadcast,
} from '../../data/broadcasts.repository';
import {
  segmentMembersRepository as segmentMembers,
  type SegmentMember,
} from '../../data/segment-members.repository';
import { batchBudget, type BroadcastPolicy } from './broadcast-policy';

export interface FanOutDeps {
  db: Database;
  clock: BrandClock;
  policy: BroadcastPolicy;
}

const broadcastRequest = (b: Broadcast, member: SegmentMember, now: Date) =>
  createEvent({
    type: 'notification.requested',
    occurredAt: now,
    brandId: b.brandId,
    storeId: member.homeStoreId,
    memberId: member.memberId,
    data: {
      requestId: uuidv7(),
      memberId: member.memberId,
      template: b.template,
      category: b.category,
      purpose: 'broadcast' as const,
      variables: {},
      reason: `broadcast ${b.id}`,
      dedupeKey: `broadcast:${b.id}:${member.memberId}`,
    },
  });

/**
 * One batch of the brand's oldest due broadcast. One replica at a time works on a brand (an
 * advisory lock), so the brand's rate holds however many replicas run; the batch's requests,
 * the cursor and the count commit together, so a member is requested once.
 */
async function fanOutBatch(deps: FanOutDeps, brandId: string): Promise<number> {
  return deps.db.transaction(async (trx) => {
    if (!(await tryAdvisoryXactLock(trx, `broadcasts:${brandId}`))) return 0;
    const now = deps.clock.nowFor(brandId);
    const broadcast = await broadcasts.lockOldestDue(trx, brandId, now);
    if (!broadcast) return 0;
    const budget = batchBudget(deps.policy, broadcast.lastBatchAt, now);
    if (budget < 1) return 0;
    const page = await segmentMembers.pageAfter(
      trx,
      {
        brandId,
        criteria: broadcast.criteria,
        cursor: broadcast.cursor,
        limit: budget,
        reachableFor: broadcast.category,
      },
      { now, timeZone: deps.policy.timeZone, rfm: deps.policy.rfm },
    );
    await appendToOutbox(
      trx,
      page.map((member) => broadcastRequest(broadcast, member, now)),
    );
    await broadcasts.progress(trx, broadcast.id, {
      state: page.length < budget ? 'completed' : 'sending',
      cursor: page.at(-1)?.memberId ?? broadcast.cursor,
      requested: broadcast.requested + page.length,
      at: now,
    });
    return page.length;
  });
}

/** Broadcasts fan out as `notification.requested`, one throttled batch per brand a tick. */
export async function fanOutBroadcasts(deps: FanOutDeps): Promise<number> {
  let requested = 0;
  for (const brandId of await broadcasts.brandsWithOpen(deps.db))
    requested += await fanOutBatch(deps, brandId);
  return requested;
}
