import type { MemberAssociateReassignedData } from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { staffTasksRepository as tasks } from '../../data/staff-tasks.repository';
import { recordServingAssociate } from '../cadence/cadence-members.use-case';

/**
 * Issue 9 item 6: when a member changes associate (the old one left, or head office moved
 * them), the member's open associate tasks move to the new one, or back to the store's list
 * when nobody serves the member; the cadence's later calls go to the new associate too.
 */
export async function handOverTasks(
  trx: Transaction,
  brandId: string,
  data: MemberAssociateReassignedData,
): Promise<void> {
  await tasks.reassignOpenOf(trx, brandId, data.memberId, data.associateId);
  await recordServingAssociate(trx, brandId, data.memberId, data.associateId);
}
