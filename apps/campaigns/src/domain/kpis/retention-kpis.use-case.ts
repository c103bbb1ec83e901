import type { BrandClock, Database } from '@laoke/platform';
import { groupSql, type KpiGrouping } from '../../data/kpi-groups.sql';
import { retentionKpisRepository as kpis } from '../../data/retention-kpis.repository';
import { winBackRepository as winBack } from '../../data/win-back.repository';
import type { LapsePolicy } from '../lapse/lapse-policy';
import { rate, withRates } from '../lapse/win-back-results.use-case';

export interface RetentionKpiDeps {
  db: Database;
  clock: BrandClock;
  lapsePolicy: LapsePolicy;
  timeZone: string;
}

const round = (value: number | null, places: number) =>
  value === null ? null : Math.round(value * 10 ** places) / 10 ** places;

/** A group's rows by key; a group missing from a figure reads as zero. */
const indexed = <T extends { key: string | null }>(rows: T[]) =>
  new Map(rows.map((row) => [row.key, row]));

/**
 * R12 retention KPIs over [from, to) rolled up by store, associate, region or brand. The rules:
 * repurchase rate = members with 2 or more purchases in the period / members with at least 1;
 * lapse counts as of the period's end (now if sooner); satisfaction = the average score of the
 * surveys answered in the period; case resolution = average hours from opening to resolution of
 * the cases resolved in it; task completion = done / tasks due in it (cancelled ones aside);
 * contacts per member = item 6's contacts in the period / members who had joined by its end;
 * win-back = journeys started in it, touched against held out (the lapse module's results).
 */
export async function retentionKpis(
  deps: RetentionKpiDeps,
  query: { brandId: string; from: Date; to: Date; groupBy: KpiGrouping },
) {
  const now = deps.clock.nowFor(query.brandId);
  const scope = {
    brandId: query.brandId,
    from: query.from,
    to: query.to,
    asOf: query.to < now ? query.to : now,
    timeZone: deps.timeZone,
  };
  const g = (alias: string) => groupSql(query.groupBy, alias);
  const [repurchase, lapse, satisfaction, cases, tasks, contacts, winBacks] = await Promise.all([
    kpis.repurchase(deps.db, scope, g('x')),
    kpis.lapse(
      deps.db,
      {
        ...scope,
        atRiskDays: deps.lapsePolicy.atRiskAfterDays,
        churnedDays: deps.lapsePolicy.churnedAfterDays,
      },
      g('x'),
    ),
    kpis.satisfaction(deps.db, scope, g('x')),
    kpis.caseResolution(deps.db, scope, g('x')),
    kpis.taskCompletion(deps.db, scope, g('x')),
    kpis.contacts(deps.db, scope, g('x')),
    winBack.resultsByGroup(deps.db, scope, g('x')),
  ]);
  const figures = {
    repurchase: indexed(repurchase),
    lapse: indexed(lapse),
    satisfaction: indexed(satisfaction),
    cases: indexed(cases),
    tasks: indexed(tasks),
    contacts: indexed(contacts),
    winBack: indexed(winBacks),
  };
  const keys = new Set(Object.values(figures).flatMap((rows) => [...rows.keys()]));
  const groups = [...keys]
    .sort((a, b) => (a ?? '\uffff').localeCompare(b ?? '\uffff'))
    .map((key) => {
      const bought = figures.repurchase.get(key) ?? { buyers: 0, repeatBuyers: 0 };
      const state = figures.lapse.get(key) ?? { active: 0, atRisk: 0, churned: 0 };
      const scores = figures.satisfaction.get(key) ?? { answers: 0, average: null };
      const resolved = figures.cases.get(key) ?? { resolved: 0, averageHours: null };
      const due = figures.tasks.get(key) ?? { due: 0, done: 0 };
      const reach = figures.contacts.get(key) ?? { members: 0, contacts: 0 };
      const won = figures.winBack.get(key) ?? {
        journeys: 0,
        converted: 0,
        holdoutJourneys: 0,
        holdoutConverted: 0,
      };
      return {
        key,
        repurchase: {
          buyers: bought.buyers,
          repeatBuyers: bought.repeatBuyers,
          rate: rate(bought.repeatBuyers, bought.buyers),
        },
        members: { active: state.active, atRisk: state.atRisk, churned: state.churned },
        satisfaction: { answers: scores.answers, average: round(scores.average, 2) },
        caseResolution: {
          resolved: resolved.resolved,
          averageHours: round(resolved.averageHours, 2),
        },
        taskCompletion: { due: due.due, done: due.done, rate: rate(due.done, due.due) },
        contacts: {
          members: reach.members,
          contacts: reach.contacts,
          perMember: round(reach.members === 0 ? null : reach.contacts / reach.members, 2),
        },
        winBack: withRates({
          journeys: won.journeys,
          converted: won.converted,
          holdoutJourneys: won.holdoutJourneys,
          holdoutConverted: won.holdoutConverted,
        }),
      };
    });
  return { groupBy: query.groupBy, asOf: scope.asOf.toISOString(), groups };
}
