import { DomainError, type Database } from '@laoke/platform';
import { DateTime } from 'luxon';
import { deliveryStatisticsRepository as statistics } from '../data/delivery-statistics.repository';
import { rejectedRequestsRepository as rejectedRequests } from '../data/rejected-requests.repository';
import { brandPolicy, type BrandPolicyDeps } from './brand-policy.use-case';

export interface StatisticsDeps extends BrandPolicyDeps {
  db: Database;
}

const MAX_DAYS = 366;

export interface DayStatistics {
  day: string;
  channel: string | null;
  purpose: string | null;
  requested: number;
  scheduled: number;
  sent: number;
  failed: number;
  suppressed: number;
  /** Requests that failed their schema (dead-lettered); counted in requested too. */
  rejected: number;
}

const bucketOf = (status: string) =>
  status === 'sent' || status === 'failed' || status === 'suppressed' || status === 'rejected'
    ? status
    : 'scheduled';

/**
 * A brand's deliveries per day (in the brand's time zone), channel and purpose: how many were
 * requested and what became of them (R12: head office sees its messaging).
 */
export async function deliveryStatistics(
  deps: StatisticsDeps,
  brandId: string,
  range: { from: string; to: string },
): Promise<{ timeZone: string; items: DayStatistics[] }> {
  const { timeZone } = await brandPolicy(deps, brandId);
  const from = DateTime.fromISO(range.from, { zone: timeZone });
  const to = DateTime.fromISO(range.to, { zone: timeZone }).plus({ days: 1 });
  if (to <= from)
    throw new DomainError('INVALID_RANGE', 'to must not be before from', {
      kind: 'invalid',
      field: 'to',
    });
  if (to.diff(from, 'days').days > MAX_DAYS)
    throw new DomainError('RANGE_TOO_LONG', `at most ${MAX_DAYS} days at a time`, {
      kind: 'invalid',
      field: 'to',
    });
  const window = [brandId, timeZone, from.toJSDate(), to.toJSDate()] as const;
  const rows = [
    ...(await statistics.count(deps.db, ...window)),
    ...(await rejectedRequests.count(deps.db, ...window)),
  ];
  const byKey = new Map<string, DayStatistics>();
  for (const row of rows) {
    const key = `${row.day}|${row.channel}|${row.purpose}`;
    const entry = byKey.get(key) ?? {
      day: row.day,
      channel: row.channel,
      purpose: row.purpose,
      requested: 0,
      scheduled: 0,
      sent: 0,
      failed: 0,
      suppressed: 0,
      rejected: 0,
    };
    entry.requested += row.count;
    entry[bucketOf(row.status)] += row.count;
    byKey.set(key, entry);
  }
  return { timeZone, items: [...byKey.values()] };
}
