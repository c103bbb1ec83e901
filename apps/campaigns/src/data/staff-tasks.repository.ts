import type { TaskOutcome, TaskRole } from '@laoke/contracts';
import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';

export type TaskStatus = 'open' | 'done' | 'cancelled';

export interface StaffTask {
  id: string;
  brandId: string;
  storeId: string;
  memberId: string;
  kind: string;
  role: TaskRole;
  assigneeId: string | null;
  title: string;
  dueAt: Date;
  status: TaskStatus;
  outcome: TaskOutcome | null;
  notes: string | null;
  completedBy: string | null;
  sourceKey: string;
  createdAt: Date;
  completedAt: Date | null;
}

interface StaffTaskRow {
  id: string;
  brand_id: string;
  store_id: string;
  member_id: string;
  kind: string;
  role: TaskRole;
  assignee_id: string | null;
  title: string;
  due_at: Date;
  status: TaskStatus;
  outcome: TaskOutcome | null;
  notes: string | null;
  completed_by: string | null;
  source_key: string;
  created_at: Date;
  completed_at: Date | null;
}

const toTask = (row: StaffTaskRow): StaffTask => ({
  id: row.id,
  brandId: row.brand_id,
  storeId: row.store_id,
  memberId: row.member_id,
  kind: row.kind,
  role: row.role,
  assigneeId: row.assignee_id,
  title: row.title,
  dueAt: row.due_at,
  status: row.status,
  outcome: row.outcome,
  notes: row.notes,
  completedBy: row.completed_by,
  sourceKey: row.source_key,
  createdAt: row.created_at,
  completedAt: row.completed_at,
});

/** Which of a store's open tasks a list shows; "today" ends at the local midnight ahead. */
export type TaskView =
  { kind: 'open' } | { kind: 'due-by'; until: Date } | { kind: 'overdue'; before: Date };

export const staffTasksRepository = {
  /** Stores the task unless one with its source key exists; true when it was new. */
  async insertOnce(db: Queryable, task: StaffTask): Promise<boolean> {
    const stored = await db('staff_tasks')
      .insert({
        id: task.id,
        brand_id: task.brandId,
        store_id: task.storeId,
        member_id: task.memberId,
        kind: task.kind,
        role: task.role,
        assignee_id: task.assigneeId,
        title: task.title,
        due_at: task.dueAt,
        status: task.status,
        source_key: task.sourceKey,
        created_at: task.createdAt,
      })
      .onConflict(['brand_id', 'source_key'])
      .ignore()
      .returning<{ id: string }[]>('id');
    return stored.length > 0;
  },

  async findForUpdate(db: Queryable, brandId: string, id: string): Promise<StaffTask | undefined> {
    const row = await db<StaffTaskRow>('staff_tasks')
      .where({ brand_id: brandId, id })
      .forUpdate()
      .first();
    return row && toTask(row);
  },

  async complete(
    db: Queryable,
    id: string,
    completion: {
      outcome: TaskOutcome;
      notes: string | null;
      completedBy: string | null;
      at: Date;
    },
  ): Promise<StaffTask> {
    const [row] = await db<StaffTaskRow>('staff_tasks')
      .where({ id })
      .update({
        status: 'done',
        outcome: completion.outcome,
        notes: completion.notes,
        completed_by: completion.completedBy,
        completed_at: completion.at,
      })
      .returning('*');
    return toTask(row as StaffTaskRow);
  },

  /** Open tasks a resolved matter no longer needs (a case's call once the case is resolved). */
  async cancelOpenBySourcePrefix(
    db: Queryable,
    brandId: string,
    sourcePrefix: string,
    reason: string,
    at: Date,
  ): Promise<void> {
    await db('staff_tasks')
      .where({ brand_id: brandId, status: 'open' })
      .andWhere('source_key', 'like', `${sourcePrefix}%`)
      .update({ status: 'cancelled', notes: reason, completed_at: at });
  },

  /** A store's open tasks in due order, optionally one assignee's; `limit` plus one row. */
  async listForStore(
    db: Queryable,
    scope: { brandId: string; storeId: string; assigneeId?: string },
    view: TaskView,
    page: PageRequest,
  ): Promise<StaffTask[]> {
    const query = db<StaffTaskRow>('staff_tasks').where({
      brand_id: scope.brandId,
      store_id: scope.storeId,
      status: 'open',
    });
    if (scope.assigneeId) query.andWhere('assignee_id', scope.assigneeId);
    if (view.kind === 'due-by') query.andWhere('due_at', '<', view.until);
    if (view.kind === 'overdue') query.andWhere('due_at', '<', view.before);
    return (await keysetPage(query, 'due_at', 'asc', page)).map(toTask);
  },

  /** The member's open tasks for their associate go to another (null: the store's list). */
  async reassignOpenOf(
    db: Queryable,
    brandId: string,
    memberId: string,
    assigneeId: string | null,
  ): Promise<void> {
    await db('staff_tasks')
      .where({ brand_id: brandId, member_id: memberId, status: 'open', role: 'associate' })
      .update({ assignee_id: assigneeId });
  },

  /**
   * Erasure: the member's open tasks are cancelled, and the notes staff wrote on the others
   * (what the member said on a call) are dropped; outcomes stay for completion rates (R12).
   */
  async forgetMember(db: Queryable, brandId: string, memberId: string, at: Date): Promise<void> {
    await db('staff_tasks')
      .where({ brand_id: brandId, member_id: memberId, status: 'open' })
      .update({ status: 'cancelled', notes: 'erased', completed_at: at });
    await db('staff_tasks')
      .where({ brand_id: brandId, member_id: memberId })
      .whereNot({ status: 'cancelled' })
      .update({ notes: null });
  },
};
