import type { MemberAssociateReassignedData } from '@laoke/contracts';
import type { BrandClock, Transaction } from '@laoke/platform';
import { createStaffTask } from './create-staff-task';

/** The new associate calls within this many days: soon enough that the member is not lost. */
const INTRODUCTION_DUE_DAYS = 3;
const DAY_MS = 86_400_000;

/**
 * R2: customers follow people, so a member handed to a new associate hears from them: one
 * "introduce yourself" task for that associate per reassignment event (its id is the source
 * key, so a redelivery creates nothing). A member left with nobody gets no task here; head
 * office finds them through the members search.
 */
export async function introduceNewAssociate(
  trx: Transaction,
  deps: { clock: BrandClock },
  reassignment: { eventId: string; brandId: string; correlationId: string },
  data: MemberAssociateReassignedData,
): Promise<void> {
  if (data.associateId === null) return;
  const now = deps.clock.nowFor(reassignment.brandId);
  await createStaffTask(
    trx,
    {
      brandId: reassignment.brandId,
      storeId: data.storeId,
      memberId: data.memberId,
      kind: 'associate-introduction',
      role: 'associate',
      assigneeId: data.associateId,
      title:
        data.reason === 'staff-left'
          ? 'Introduce yourself: you now serve this member, whose associate has left'
          : 'Introduce yourself: you now serve this member',
      dueAt: new Date(now.getTime() + INTRODUCTION_DUE_DAYS * DAY_MS),
      sourceKey: `associate-reassigned:${reassignment.eventId}`,
      correlationId: reassignment.correlationId,
    },
    now,
  );
}
