import { createEvent, type TaskOutcome } from '@laoke/contracts';
import { appendToOutbox, DomainError, type BrandClock, type Database } from '@laoke/platform';
import { staffTasksRepository as tasks, type StaffTask } from '../../data/staff-tasks.repository';
import { followTaskOutcome } from '../cadence/follow-task-outcome';

export interface CompleteStaffTaskDeps {
  db: Database;
  clock: BrandClock;
}

export interface TaskCompletion {
  outcome: TaskOutcome;
  notes?: string;
  completedBy?: string;
}

/**
 * Records how a call or visit went and emits `task.completed`, which the journey that asked for
 * the task reads; a cadence call not reached schedules its fallback message here. Completing again with the same
 * outcome answers the completed task; a different outcome is a conflict.
 */
export async function completeStaffTask(
  deps: CompleteStaffTaskDeps,
  scope: { brandId: string; taskId: string },
  completion: TaskCompletion,
): Promise<StaffTask> {
  return deps.db.transaction(async (trx) => {
    const task = await tasks.findForUpdate(trx, scope.brandId, scope.taskId);
    if (!task) {
      throw new DomainError('TASK_NOT_FOUND', 'no task has this id', {
        kind: 'not-found',
        field: 'taskId',
      });
    }
    if (task.status === 'done' && task.outcome === completion.outcome) return task;
    if (task.status !== 'open') {
      throw new DomainError(
        'TASK_ALREADY_CLOSED',
        `the task is already ${task.status}${task.outcome ? ` (${task.outcome})` : ''}`,
        { kind: 'conflict', field: 'outcome' },
      );
    }
    const at = deps.clock.nowFor(scope.brandId);
    const done = await tasks.complete(trx, task.id, {
      outcome: completion.outcome,
      notes: completion.notes ?? null,
      completedBy: completion.completedBy ?? null,
      at,
    });
    await followTaskOutcome(trx, task, completion.outcome, at);
    await appendToOutbox(trx, [
      createEvent({
        type: 'task.completed',
        occurredAt: at,
        brandId: task.brandId,
        storeId: task.storeId,
        memberId: task.memberId,
        data: {
          taskId: task.id,
          memberId: task.memberId,
          storeId: task.storeId,
          kind: task.kind,
          outcome: completion.outcome,
          completedAt: at.toISOString(),
          sourceKey: task.sourceKey,
        },
      }),
    ]);
    return done;
  });
}
