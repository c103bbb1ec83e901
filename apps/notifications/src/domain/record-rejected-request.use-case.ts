import type { BrandClock, Database, DeadLetterNotice } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { rejectedRequestsRepository as rejected } from '../data/rejected-requests.repository';

export interface RejectedRequestDeps {
  db: Database;
  clock: BrandClock;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** A short identifier-like text of the request, or null; never its variables (personal data). */
const label = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null;

const uuidOf = (value: unknown): string | null =>
  typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;

/**
 * Records a notification request that went to the dead-letter topic, with whatever of it could
 * be read (brand, member, purpose …), so the member's history and the brand's statistics show it
 * as `rejected` with the reason.
 */
export async function recordRejectedRequest(
  deps: RejectedRequestDeps,
  notice: DeadLetterNotice,
): Promise<void> {
  const request = notice.parsed;
  const data = fieldOf(request, 'data');
  const brandId = label(fieldOf(request, 'brandId'));
  await rejected.record(deps.db, {
    id: uuidv7(),
    topic: notice.topic,
    partition: notice.partition,
    offset: notice.offset,
    reason: notice.reason.slice(0, 2000),
    brandId,
    memberId: uuidOf(fieldOf(request, 'memberId')) ?? uuidOf(fieldOf(data, 'memberId')),
    requestId: label(fieldOf(data, 'requestId')),
    purpose: label(fieldOf(data, 'purpose')),
    channel: label(fieldOf(data, 'channel')),
    template: label(fieldOf(data, 'template')),
    category: label(fieldOf(data, 'category')),
    rejectedAt: brandId ? deps.clock.nowFor(brandId) : deps.clock.now(),
  });
}
