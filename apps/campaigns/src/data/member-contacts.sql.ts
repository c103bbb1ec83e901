import { WIN_BACK_JOURNEY } from '../domain/lapse/lapse-policy';

const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The win-back steps that message the member; the manager's call counts as its staff task. */
const WIN_BACK_MESSAGE_STEPS = WIN_BACK_JOURNEY.filter((s) => s.action.kind === 'message')
  .map((s) => quoted(s.step))
  .join(', ');

/** SQL expressions naming a member row (brand, member, joined) and a window to count in. */
export interface ContactWindowSql {
  member: { brandId: string; memberId: string; registeredAt: string };
  /** UTC instants, half open. */
  startsAt: string;
  endsAt: string;
  /** The same window as local days, half open. */
  startDay: string;
  endDay: string;
}

/**
 * Issue 9 item 6: the contacts a member had in the store's name within a window, counted from
 * what campaigns already records — a follow-up message dispatched, a staff call or visit completed
 * with the member reached (a call nobody answered is an attempt, not a contact), a win-back
 * message sent, a birthday greeting, and every holiday or season greeting the brand sent to its
 * members on a day the member already belonged. Uses the named binding `:tz` (brand time zone).
 */
export function memberContactsSql(w: ContactWindowSql): string {
  const { brandId, memberId, registeredAt } = w.member;
  const ofMember = (alias: string) =>
    `${alias}.brand_id = ${brandId} and ${alias}.member_id = ${memberId}`;
  const within = (column: string) => `${column} >= ${w.startsAt} and ${column} < ${w.endsAt}`;
  const onDays = (column: string) => `${column} >= ${w.startDay} and ${column} < ${w.endDay}`;
  return `(
    (select count(*) from follow_ups f
      where ${ofMember('f')} and f.status = 'dispatched' and ${within('f.dispatched_at')})
    + (select count(*) from staff_tasks t
      where ${ofMember('t')} and t.status = 'done' and t.outcome = 'reached'
        and ${within('t.completed_at')})
    + (select count(*) from win_back_steps s join win_back_journeys j on j.id = s.journey_id
      where ${ofMember('j')} and s.status = 'done' and s.step in (${WIN_BACK_MESSAGE_STEPS})
        and ${within('s.due_at')})
    + (select count(*) from greeting_members g
      where ${ofMember('g')} and ${onDays('g.last_birthday_greeted_on')})
    + (select count(*) from greeting_occasions o
      where o.brand_id = ${brandId} and o.greeted > 0 and ${onDays('o.local_date')}
        and o.local_date >= (${registeredAt} at time zone :tz)::date)
  )::int`;
}
