import type { PagePosition, Queryable } from '@laoke/platform';
import { CONTACT_PLAN_TASK_KIND } from '../domain/contact-plan/contact-plan-policy';
import { memberContactsSql } from './member-contacts.sql';

const TABLE = 'contact_plan_members';

export interface PlanMember {
  brandId: string;
  memberId: string;
  storeId: string;
  associateId: string | null;
  registeredAt: Date;
}

/** Where a member stands in the current year of their membership. */
export interface ContactStanding {
  memberId: string;
  storeId: string;
  associateId: string | null;
  registeredAt: Date;
  yearStartsOn: string;
  yearEndsOn: string;
  yearEndsAt: Date;
  contacts: number;
  plannedCalls: number;
  openCalls: number;
  nextCallDueAt: Date | null;
}

interface StandingRow {
  member_id: string;
  store_id: string;
  associate_id: string | null;
  registered_at: Date;
  year_start: string;
  year_end: string;
  ends_at: Date;
  contacts: number;
  planned: number;
  open_calls: number;
  next_call_due_at: Date | null;
}

const planCalls = `t.brand_id = w.brand_id and t.kind = '${CONTACT_PLAN_TASK_KIND}'
  and t.source_key like 'contact-plan:' || w.member_id || ':' || w.year_start || ':%'`;

/**
 * Each member's year of membership (from the local day they joined; one joined on 29 February
 * starts later years on 28 February), and the contacts and plan calls in it so far.
 */
const standingsSql = (filter: string, tail: string) => `
  with plan as (
    select p.*, (p.registered_at at time zone :tz)::date as joined_on
    from ${TABLE} p where p.brand_id = :brandId and ${filter}
  ), years as (
    select plan.*, (joined_on + make_interval(years => greatest(0,
      extract(year from age((:now::timestamptz at time zone :tz)::date, joined_on))::int)))::date
      as year_start
    from plan
  ), w as (
    select years.*, (year_start + interval '1 year')::date as year_end,
      year_start::timestamp at time zone :tz as starts_at,
      (year_start + interval '1 year')::date::timestamp at time zone :tz as ends_at
    from years
  ), standing as (
    select w.member_id, w.store_id, w.associate_id, w.registered_at, w.year_start::text,
      w.year_end::text, w.ends_at,
      ${memberContactsSql({
        member: { brandId: 'w.brand_id', memberId: 'w.member_id', registeredAt: 'w.registered_at' },
        startsAt: 'w.starts_at',
        endsAt: 'w.ends_at',
        startDay: 'w.year_start',
        endDay: 'w.year_end',
      })} as contacts,
      (select count(*)::int from staff_tasks t where ${planCalls}) as planned,
      (select count(*)::int from staff_tasks t where ${planCalls} and t.status = 'open')
        as open_calls,
      (select min(t.due_at) from staff_tasks t where ${planCalls} and t.status = 'open')
        as next_call_due_at
    from w
  )
  select * from standing ${tail}`;

const toStanding = (row: StandingRow): ContactStanding => ({
  memberId: row.member_id,
  storeId: row.store_id,
  associateId: row.associate_id,
  registeredAt: row.registered_at,
  yearStartsOn: row.year_start,
  yearEndsOn: row.year_end,
  yearEndsAt: row.ends_at,
  contacts: row.contacts,
  plannedCalls: row.planned,
  openCalls: row.open_calls,
  nextCallDueAt: row.next_call_due_at,
});

export const contactPlanRepository = {
  async save(db: Queryable, member: PlanMember): Promise<void> {
    await db(TABLE)
      .insert({
        brand_id: member.brandId,
        member_id: member.memberId,
        store_id: member.storeId,
        associate_id: member.associateId,
        registered_at: member.registeredAt,
      })
      .onConflict(['brand_id', 'member_id'])
      .merge(['store_id', 'registered_at']);
  },

  /** Only what is named changes; a member this projection never saw joined is left alone. */
  async update(
    db: Queryable,
    brandId: string,
    memberId: string,
    change: { storeId?: string; associateId?: string | null },
  ): Promise<void> {
    const columns = {
      ...(change.storeId !== undefined && { store_id: change.storeId }),
      ...(change.associateId !== undefined && { associate_id: change.associateId }),
    };
    if (Object.keys(columns).length === 0) return;
    await db(TABLE).where({ brand_id: brandId, member_id: memberId }).update(columns);
  },

  async remove(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db(TABLE).where({ brand_id: brandId, member_id: memberId }).delete();
  },

  async brands(db: Queryable): Promise<string[]> {
    const rows: { brand_id: string }[] = await db(TABLE).distinct('brand_id');
    return rows.map((r) => r.brand_id);
  },

  /** Members not yet looked at on local day `today`; rows another replica holds are skipped. */
  async claimUnchecked(
    db: Queryable,
    brandId: string,
    today: string,
    limit: number,
  ): Promise<string[]> {
    const rows: { member_id: string }[] = await db(TABLE)
      .where({ brand_id: brandId })
      .andWhere((q) => void q.whereNull('checked_on').orWhere('checked_on', '<', today))
      .orderBy('member_id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .select('member_id');
    return rows.map((r) => r.member_id);
  },

  async markChecked(db: Queryable, brandId: string, memberIds: string[], today: string) {
    await db(TABLE)
      .where({ brand_id: brandId })
      .whereIn('member_id', memberIds)
      .update({ checked_on: today });
  },

  async standingsOf(
    db: Queryable,
    scope: { brandId: string; memberIds: string[]; now: Date; timeZone: string },
  ): Promise<ContactStanding[]> {
    if (scope.memberIds.length === 0) return [];
    const { rows } = await db.raw<{ rows: StandingRow[] }>(
      standingsSql('p.member_id = any(:memberIds::uuid[])', ''),
      { brandId: scope.brandId, memberIds: scope.memberIds, now: scope.now, tz: scope.timeZone },
    );
    return rows.map(toStanding);
  },

  /** One page of a store's members below `target` this year, oldest members first. */
  async belowTarget(
    db: Queryable,
    scope: { brandId: string; storeId: string; now: Date; timeZone: string; target: number },
    page: { limit: number; after?: PagePosition },
  ): Promise<ContactStanding[]> {
    const after = page.after
      ? 'and (p.registered_at, p.member_id) > (:afterKey::timestamptz, :afterId::uuid)'
      : '';
    const { rows } = await db.raw<{ rows: StandingRow[] }>(
      standingsSql(
        `p.store_id = :storeId ${after}`,
        'where contacts < :target order by registered_at, member_id limit :limit',
      ),
      {
        brandId: scope.brandId,
        storeId: scope.storeId,
        now: scope.now,
        tz: scope.timeZone,
        target: scope.target,
        limit: page.limit + 1,
        ...(page.after && { afterKey: page.after.key, afterId: page.after.id }),
      },
    );
    return rows.map(toStanding);
  },
};
