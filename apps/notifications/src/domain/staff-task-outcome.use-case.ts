import type { TaskOutcome } from '@laoke/contracts';
import { DomainError, type BrandClock, type Database } from '@laoke/platform';
import { recordDeliveryReport } from './delivery-report.use-case';
import { STAFF_TASK_PROVIDER } from './hand-over-staff-task';

/** The source key campaigns gives the task it made for a staff-task delivery. */
const SOURCE = /^notification:([0-9a-f-]{36})$/;

/** A call that reached the member delivered the message (a refusal included); the others did not. */
const DELIVERED: Record<TaskOutcome, boolean> = {
  reached: true,
  declined: true,
  'no-answer': false,
  'wrong-number': false,
};

/**
 * A staff task's outcome is the staff-task channel's delivery report: reached → delivered,
 * no answer or a wrong number → failed (notification.delivered / .failed as for a provider's
 * report). Tasks that other journeys asked for, and repeats, change nothing.
 */
export async function recordStaffTaskOutcome(
  deps: { db: Database; clock: BrandClock },
  task: { sourceKey: string; outcome: TaskOutcome },
): Promise<void> {
  const deliveryId = SOURCE.exec(task.sourceKey)?.[1];
  if (!deliveryId) return;
  try {
    await recordDeliveryReport(deps, {
      provider: STAFF_TASK_PROVIDER,
      messageId: deliveryId,
      status: DELIVERED[task.outcome] ? 'delivered' : 'failed',
      reason: `staff task outcome ${task.outcome}`,
    });
  } catch (error) {
    // A task for a delivery this service never handed over (another environment's) is not ours.
    if (error instanceof DomainError && error.code === 'DELIVERY_NOT_FOUND') return;
    throw error;
  }
}
