import { appendToOutbox, type Transaction } from '@laoke/platform';
import { associatesRepository as associates } from '../../data/associates.repository';
import type { Staff } from '../organisation/organisation';
import { associateReassigned } from './associate-reassigned-event';
import { planReassignment } from './reassignment-policy';

/**
 * R2: in the departure's transaction, hands every member the leaver served to a colleague of the
 * same store by the policy in `planReassignment`, one `member.associate-reassigned` each. The
 * caller holds the brand's load lock (`lockBrandLoads`), so concurrent departures read fresh loads.
 */
export async function reassignLeaversMembers(
  trx: Transaction,
  leaver: Staff,
  now: Date,
  correlationId: string,
): Promise<number> {
  const served = await associates.lockMembersServedBy(trx, leaver.brandId, leaver.id);
  if (served.length === 0) return 0;
  const colleagues = leaver.storeId
    ? await associates.colleaguesWithLoads(trx, leaver.brandId, leaver.storeId, leaver.id)
    : [];
  const plan = planReassignment(
    served.map((member) => member.id),
    colleagues,
  );
  const events = [];
  for (const member of served) {
    const next = {
      ...member,
      servingAssociateId: plan.get(member.id) ?? null,
      version: member.version + 1,
      updatedAt: now,
    };
    await associates.saveServingAssociate(trx, next);
    events.push(associateReassigned(next, leaver.id, 'staff-left', correlationId));
  }
  await appendToOutbox(trx, events);
  return served.length;
}
