import type { BrandClock, Database, Transaction } from '@laoke/platform';
import {
  contactPlanRepository as plan,
  type ContactStanding,
} from '../../data/contact-plan.repository';
import { staffTasksRepository as tasks } from '../../data/staff-tasks.repository';
import { localDay } from '../greetings/greeting-policy';
import { createStaffTask } from '../tasks/create-staff-task';
import {
  CONTACT_PLAN_TASK_KIND,
  contactPlanSourceKey,
  nextCallDueAt,
  planDecision,
  type ContactPlanPolicy,
} from './contact-plan-policy';

export interface ContactPlanDeps {
  db: Database;
  clock: BrandClock;
  policy: ContactPlanPolicy;
}

async function planMember(
  trx: Transaction,
  deps: ContactPlanDeps,
  brandId: string,
  member: ContactStanding,
  now: Date,
): Promise<void> {
  const decision = planDecision(member, deps.policy);
  const yearPrefix = contactPlanSourceKey(member.memberId, member.yearStartsOn);
  if (decision === 'on-target') {
    await tasks.cancelOpenBySourcePrefix(trx, brandId, yearPrefix, 'contact-plan-met', now);
    return;
  }
  if (decision === 'wait') return;
  await createStaffTask(
    trx,
    {
      brandId,
      storeId: member.storeId,
      memberId: member.memberId,
      kind: CONTACT_PLAN_TASK_KIND,
      role: 'associate',
      assigneeId: member.associateId,
      title: `Call this member: ${member.contacts} of ${deps.policy.contactsPerYear} contacts this membership year`,
      dueAt: nextCallDueAt(now, member.yearEndsAt, deps.policy.contactsPerYear - member.contacts),
      sourceKey: contactPlanSourceKey(
        member.memberId,
        member.yearStartsOn,
        member.plannedCalls + 1,
      ),
    },
    now,
  );
}

/**
 * Issue 9 item 6, once a brand-local day: every member below the year's target gets the next
 * call for their serving associate (the store's list when they have none), spread by
 * `nextCallDueAt`; members back on target lose the plan calls still open. Members are claimed in
 * batches with SKIP LOCKED and marked checked for the day in the same transaction, so replicas
 * share the scan and a rerun the same day does nothing; a call's source key (member, year, call number) makes a replayed
 * batch harmless. Returns how many members were looked at.
 */
export async function planContactCalls(deps: ContactPlanDeps, batchSize: number) {
  let checked = 0;
  for (const brandId of await plan.brands(deps.db)) {
    if (checked >= batchSize) break;
    const now = deps.clock.nowFor(brandId);
    const today = localDay(now, deps.policy.timeZone);
    checked += await deps.db.transaction(async (trx) => {
      const ids = await plan.claimUnchecked(trx, brandId, today, batchSize - checked);
      const standings = await plan.standingsOf(trx, {
        brandId,
        memberIds: ids,
        now,
        timeZone: deps.policy.timeZone,
      });
      for (const member of standings) await planMember(trx, deps, brandId, member, now);
      await plan.markChecked(trx, brandId, ids, today);
      return ids.length;
    });
  }
  return checked;
}
