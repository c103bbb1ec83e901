import { DomainError, type BrandClock, type Database } from '@laoke/platform';
import { DateTime } from 'luxon';
import {
  reportsRepository as reports,
  type ActivityInterval,
  type ActivityMeasure,
} from '../../data/reports.repository';
import { storesRepository as stores } from '../../data/stores.repository';
import { programmeInForce } from '../programme/programme.use-case';
import { entryTier, tierRank } from '../programme/tier-rules';
import { settleBetweenFranchisees } from './franchise-settlement';

export interface PointsReportsDeps {
  db: Database;
  clock: BrandClock;
  /** What one point is worth to the brand, in fen (LOYALTY_POINT_VALUE_FEN). */
  pointValueFen: number;
  timeZone: string;
}

interface Range {
  from: Date;
  to: Date;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Store code → franchisee (null: head office, or a store not projected yet). */
async function franchiseeMap(deps: PointsReportsDeps, brandId: string) {
  const owners = new Map(
    (await stores.ofBrand(deps.db, brandId)).map((s) => [s.code, s.franchiseeId]),
  );
  return (storeCode: string | null) =>
    storeCode === null ? null : (owners.get(storeCode) ?? null);
}

/**
 * The instant a liability "as of" a local day is read at: the end of that day in the brand's
 * zone, or now when the day is today (or not given). A day still to come is refused.
 */
function asOfInstant(deps: PointsReportsDeps, brandId: string, asOf: string | undefined): Date {
  const now = deps.clock.nowFor(brandId);
  if (asOf === undefined) return now;
  const endOfDay = DateTime.fromISO(asOf, { zone: deps.timeZone }).plus({ days: 1 }).toJSDate();
  const startOfDay = DateTime.fromISO(asOf, { zone: deps.timeZone }).toJSDate();
  if (startOfDay > now) {
    throw new DomainError('AS_OF_IN_FUTURE', 'asOf is a day still to come', {
      kind: 'invalid',
      field: 'asOf',
    });
  }
  return endOfDay < now ? endOfDay : now;
}

/**
 * Outstanding points (spendable at the instant: not pending, not expired, not held by an open
 * redemption) and what they are worth, per store where they were earned, franchisee and brand.
 */
export async function pointsLiability(
  deps: PointsReportsDeps,
  brandId: string,
  asOf: string | undefined,
) {
  const at = asOfInstant(deps, brandId, asOf);
  const byStore = await reports.spendableByStore(deps.db, brandId, at);
  const franchiseeOf = await franchiseeMap(deps, brandId);
  const worth = (points: number) => ({ points, valueFen: points * deps.pointValueFen });
  const franchisees = new Map<string | null, number>();
  for (const row of byStore) {
    const franchiseeId = franchiseeOf(row.storeId);
    franchisees.set(franchiseeId, (franchisees.get(franchiseeId) ?? 0) + row.points);
  }
  return {
    asOf: at.toISOString(),
    pointValueFen: deps.pointValueFen,
    brand: worth(sum(byStore.map((row) => row.points))),
    franchisees: [...franchisees].map(([franchiseeId, points]) => ({
      franchiseeId,
      ...worth(points),
    })),
    stores: byStore.map((row) => ({
      storeId: row.storeId,
      franchiseeId: franchiseeOf(row.storeId),
      ...worth(row.points),
    })),
  };
}

type Counts = Record<ActivityMeasure, number>;
const noActivity = (): Counts => ({ issued: 0, reversed: 0, redeemed: 0, expired: 0 });

/** Redeemed over issued, to 4 decimals; null when nothing was issued. */
const redemptionRate = (counts: Counts) =>
  counts.issued === 0 ? null : Math.round((counts.redeemed / counts.issued) * 10_000) / 10_000;

/** Points issued, reversed (returns), redeemed and expired per local period and store. */
export async function pointsActivity(
  deps: PointsReportsDeps,
  brandId: string,
  range: Range,
  interval: ActivityInterval,
) {
  const rows = await reports.activity(deps.db, brandId, range, interval, deps.timeZone);
  const cells = new Map<string, { period: string; storeId: string | null; counts: Counts }>();
  const totals = noActivity();
  for (const row of rows) {
    const key = `${row.period}\u0000${row.storeId ?? ''}`;
    const cell = cells.get(key) ?? {
      period: row.period,
      storeId: row.storeId,
      counts: noActivity(),
    };
    cell.counts[row.measure] += row.points;
    totals[row.measure] += row.points;
    cells.set(key, cell);
  }
  const items = [...cells.values()]
    .sort((a, b) =>
      a.period === b.period
        ? (a.storeId ?? '').localeCompare(b.storeId ?? '')
        : a.period.localeCompare(b.period),
    )
    .map(({ period, storeId, counts }) => ({
      period,
      storeId,
      ...counts,
      redemptionRate: redemptionRate(counts),
    }));
  return { interval, items, totals: { ...totals, redemptionRate: redemptionRate(totals) } };
}

/** How the brand's registered members spread over the tiers now (R3), highest tier first. */
export async function tierDistribution(deps: PointsReportsDeps, brandId: string) {
  const now = deps.clock.nowFor(brandId);
  const { tiers } = (await programmeInForce(deps.db, brandId, now)).definition;
  const entryCode = entryTier(tiers)?.code ?? null;
  const perTier = new Map<string | null, number>();
  for (const row of await reports.tierCounts(deps.db, brandId)) {
    const code = row.ranked ? row.tierCode : entryCode;
    perTier.set(code, (perTier.get(code) ?? 0) + row.members);
  }
  const members = sum([...perTier.values()]);
  return {
    asOf: now.toISOString(),
    members,
    tiers: [...perTier]
      .sort(([a], [b]) => tierRank(tiers, b) - tierRank(tiers, a))
      .map(([tierCode, count]) => ({
        tierCode,
        members: count,
        share: Math.round((count / members) * 10_000) / 10_000,
      })),
  };
}

/** Earn-here-redeem-there between franchisees over the period, netted per pair. */
export async function franchiseSettlement(deps: PointsReportsDeps, brandId: string, range: Range) {
  const flows = await reports.settlementFlows(deps.db, brandId, range);
  const franchiseeOf = await franchiseeMap(deps, brandId);
  return {
    pointValueFen: deps.pointValueFen,
    settlements: settleBetweenFranchisees(flows, franchiseeOf, deps.pointValueFen),
  };
}
