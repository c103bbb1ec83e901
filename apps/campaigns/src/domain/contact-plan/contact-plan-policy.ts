/** Issue 9 item 6: how often each member hears from their store, at least. */
export interface ContactPlanPolicy {
  /** Contacts a member gets in each year of membership (the year runs from the day they joined). */
  contactsPerYear: number;
  timeZone: string;
}

export const CONTACT_PLAN_TASK_KIND = 'contact-plan-call';

/** The call tasks the plan made for one member-year share this prefix; `n` is the call's number. */
export const contactPlanSourceKey = (memberId: string, yearStartsOn: string, n?: number) =>
  `contact-plan:${memberId}:${yearStartsOn}:${n ?? ''}`;

/**
 * When the next planned call falls due. The rule: the calls still missing are spread evenly over
 * what is left of the member's year, with an equal margin before its end, and only the next one
 * is put on the list — `missing` calls left with `remaining` time are due every
 * `remaining / (missing + 1)`. A member with 0 of 3 contacts on the first day of the year is
 * called after a quarter of it; the next call is planned when that one is done or the year's
 * other contacts have moved the count.
 */
export function nextCallDueAt(now: Date, yearEndsAt: Date, missing: number): Date {
  const remaining = Math.max(yearEndsAt.getTime() - now.getTime(), 0);
  return new Date(now.getTime() + Math.floor(remaining / (missing + 1)));
}

export interface MemberStanding {
  contacts: number;
  /** Plan calls already made this member-year, whatever became of them. */
  plannedCalls: number;
  openCalls: number;
}

export type PlanDecision = 'on-target' | 'call' | 'wait';

/**
 * On target: open plan calls are no longer needed. Below it: one more call, unless one is open
 * or the year's calls are used up (a call per missing contact, never more: a member who did not
 * answer is not called again and again).
 */
export function planDecision(standing: MemberStanding, policy: ContactPlanPolicy): PlanDecision {
  if (standing.contacts >= policy.contactsPerYear) return 'on-target';
  if (standing.openCalls > 0 || standing.plannedCalls >= policy.contactsPerYear) return 'wait';
  return 'call';
}
