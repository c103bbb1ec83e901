import { createEvent, type TaskRole } from '@laoke/contracts';
import { appendToOutbox, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { staffTasksRepository as tasks } from '../../data/staff-tasks.repository';

export interface StaffTaskRequest {
  brandId: string;
  storeId: string;
  memberId: string;
  kind: string;
  role: TaskRole;
  assigneeId: string | null;
  title: string;
  dueAt: Date;
  /** What asks for the task; asking again with the same key creates nothing. */
  sourceKey: string;
  correlationId?: string;
}

/**
 * Puts a call or visit on a store's list and announces it with `task.created`, once per source
 * key however often the asking journey is replayed. Returns the new task's id, or null.
 */
export async function createStaffTask(
  trx: Transaction,
  request: StaffTaskRequest,
  now: Date,
): Promise<string | null> {
  const id = uuidv7();
  const created = await tasks.insertOnce(trx, {
    ...request,
    id,
    status: 'open',
    outcome: null,
    notes: null,
    completedBy: null,
    createdAt: now,
    completedAt: null,
  });
  if (!created) return null;
  await appendToOutbox(trx, [
    createEvent({
      type: 'task.created',
      occurredAt: now,
      brandId: request.brandId,
      storeId: request.storeId,
      memberId: request.memberId,
      ...(request.correlationId && { correlationId: request.correlationId }),
      data: {
        taskId: id,
        memberId: request.memberId,
        storeId: request.storeId,
        kind: request.kind,
        role: request.role,
        assigneeId: request.assigneeId,
        dueAt: request.dueAt.toISOString(),
        sourceKey: request.sourceKey,
      },
    }),
  ]);
  return id;
}
