import type { Queryable } from '@laoke/platform';
import type { GroupSql } from './kpi-groups.sql';
import { memberContactsSql } from './member-contacts.sql';

/** A brand's period as a UTC half-open range; `asOf` is its end, or now when that is sooner. */
export interface KpiScope {
  brandId: string;
  from: Date;
  to: Date;
  asOf: Date;
  timeZone: string;
}

type Keyed<T> = T & { key: string | null };

async function byGroup<T>(db: Queryable, sql: string, scope: KpiScope): Promise<Keyed<T>[]> {
  const { rows } = await db.raw<{ rows: Keyed<T>[] }>(sql, { ...scope, tz: scope.timeZone });
  return rows;
}

const inPeriod = (column: string) => `${column} >= :from and ${column} < :to`;

/** R12's figures, each one SQL over campaigns' own tables, rolled up by a group. */
export const retentionKpisRepository = {
  /** Members who bought in the period (a purchase returned in full does not count), and who twice. */
  repurchase: (db: Queryable, scope: KpiScope, g: GroupSql) =>
    byGroup<{ buyers: number; repeatBuyers: number }>(
      db,
      `select key, count(*)::int as "buyers", count(*) filter (where n >= 2)::int as "repeatBuyers"
       from (select ${g.key} as key, x.member_id, count(*) as n
             from member_purchases x ${g.join}
             where x.brand_id = :brandId and ${inPeriod('x.purchased_at')}
               and x.returned_fen < x.amount_fen
             group by 1, 2) buyers
       group by key`,
      scope,
    ),

  /**
   * R9 state of every member who ever bought, as of `asOf`, by the brand's thresholds: days since
   * their last purchase before it, at the store of that purchase (as the lapse scan counts).
   */
  lapse: (
    db: Queryable,
    scope: KpiScope & { atRiskDays: number; churnedDays: number },
    g: GroupSql,
  ) =>
    byGroup<{ active: number; atRisk: number; churned: number }>(
      db,
      `with last as (
         select distinct on (p.member_id) p.brand_id, p.member_id, p.store_id,
           :asOf::timestamptz - p.purchased_at as idle
         from member_purchases p
         where p.brand_id = :brandId and p.purchased_at <= :asOf
         order by p.member_id, p.purchased_at desc)
       select ${g.key} as key,
         count(*) filter (where x.idle < make_interval(days => :atRiskDays))::int as "active",
         count(*) filter (where x.idle >= make_interval(days => :atRiskDays)
           and x.idle < make_interval(days => :churnedDays))::int as "atRisk",
         count(*) filter (where x.idle >= make_interval(days => :churnedDays))::int as "churned"
       from last x ${g.join}
       group by 1`,
      scope,
    ),

  satisfaction: (db: Queryable, scope: KpiScope, g: GroupSql) =>
    byGroup<{ answers: number; average: number | null }>(
      db,
      `select ${g.key} as key, count(*)::int as "answers", avg(x.score)::float as "average"
       from surveys x ${g.join}
       where x.brand_id = :brandId and x.score is not null and ${inPeriod('x.answered_at')}
       group by 1`,
      scope,
    ),

  /** Cases resolved in the period, and how long from opening to resolution on average. */
  caseResolution: (db: Queryable, scope: KpiScope, g: GroupSql) =>
    byGroup<{ resolved: number; averageHours: number | null }>(
      db,
      `select ${g.key} as key, count(*)::int as "resolved",
         avg(extract(epoch from x.resolved_at - x.opened_at) / 3600)::float as "averageHours"
       from cases x ${g.join}
       where x.brand_id = :brandId and ${inPeriod('x.resolved_at')}
       group by 1`,
      scope,
    ),

  /** Staff tasks that fell due in the period (by `asOf`), cancelled ones aside, and how many done. */
  taskCompletion: (db: Queryable, scope: KpiScope, g: GroupSql) =>
    byGroup<{ due: number; done: number }>(
      db,
      `select ${g.key} as key, count(*)::int as "due",
         count(*) filter (where x.status = 'done')::int as "done"
       from staff_tasks x ${g.join}
       where x.brand_id = :brandId and x.status <> 'cancelled'
         and x.due_at >= :from and x.due_at < least(:to::timestamptz, :asOf::timestamptz)
       group by 1`,
      scope,
    ),

  /** Members who had joined by the period's end, and their contacts in it (item 6's count). */
  contacts: (db: Queryable, scope: KpiScope, g: GroupSql) =>
    byGroup<{ members: number; contacts: number }>(
      db,
      `select ${g.key} as key, count(*)::int as "members",
         coalesce(sum(${memberContactsSql({
           member: {
             brandId: 'x.brand_id',
             memberId: 'x.member_id',
             registeredAt: 'x.registered_at',
           },
           startsAt: ':from',
           endsAt: ':to',
           startDay: '(:from::timestamptz at time zone :tz)::date',
           endDay: '(:to::timestamptz at time zone :tz)::date',
         })}), 0)::int as "contacts"
       from contact_plan_members x ${g.join}
       where x.brand_id = :brandId and x.registered_at < :to
       group by 1`,
      scope,
    ),
};
