import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import type { NotificationPurpose } from '@laoke/contracts';
import type { FollowUpReason } from '../domain/cadence-for-purchase';

export interface FollowUp {
  id: string;
  brandId: string;
  memberId: string;
  storeId: string;
  purchaseId: string;
  step: string;
  /** 1 for a step's first time; a repeating step's next occurrence is stored when one fires. */
  occurrence: number;
  /** The brand's cadence version the purchase started on (0: the built-in default). */
  cadenceVersion: number;
  action: 'message' | 'task';
  purpose: NotificationPurpose | null;
  /** The message template, or the task kind. */
  template: string;
  dueAt: Date;
  status: 'pending' | 'dispatched' | 'superseded' | 'skipped';
  /** Why a step was skipped or superseded. */
  reason: FollowUpReason | null;
  /** Anchor and zone of the purchase's cadence; null on rows planned before cadences as data. */
  purchasedAt: Date | null;
  timeZone: string | null;
  taskId: string | null;
  correlationId: string | null;
}

export interface NewFollowUp extends FollowUp {
  /** Set on an owed thank-you: the unique key allows one per member per local day (R6.2). */
  thanksDay: string | null;
}

interface FollowUpRow {
  id: string;
  brand_id: string;
  member_id: string;
  store_id: string;
  purchase_id: string;
  step: string;
  occurrence: number;
  cadence_version: number;
  action: FollowUp['action'];
  purpose: NotificationPurpose | null;
  template: string;
  due_at: Date;
  status: FollowUp['status'];
  reason: FollowUpReason | null;
  purchased_at: Date | null;
  time_zone: string | null;
  task_id: string | null;
  correlation_id: string | null;
}

const toFollowUp = (row: FollowUpRow): FollowUp => ({
  id: row.id,
  brandId: row.brand_id,
  memberId: row.member_id,
  storeId: row.store_id,
  purchaseId: row.purchase_id,
  step: row.step,
  occurrence: row.occurrence,
  cadenceVersion: row.cadence_version,
  action: row.action,
  purpose: row.purpose,
  template: row.template,
  dueAt: row.due_at,
  status: row.status,
  reason: row.reason,
  purchasedAt: row.purchased_at,
  timeZone: row.time_zone,
  taskId: row.task_id,
  correlationId: row.correlation_id,
});

export const followUpsRepository = {
  /**
   * R6.4: the member's newest purchase restarts the cadence, so the later steps still pending are
   * superseded. Owed thank-yous (those with a thanks day) are never superseded.
   */
  async supersedePending(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('follow_ups')
      .where({ brand_id: brandId, member_id: memberId, status: 'pending' })
      .whereNull('thanks_day')
      .update({ status: 'superseded', reason: 'newer-purchase' });
  },

  /** Inserts the steps; returns the ids stored, so a thank-you refused by its day's key shows. */
  async insertAll(db: Queryable, followUps: NewFollowUp[], createdAt: Date): Promise<string[]> {
    if (followUps.length === 0) return [];
    const stored = await db('follow_ups')
      .insert(
        followUps.map((f) => ({
          id: f.id,
          brand_id: f.brandId,
          member_id: f.memberId,
          store_id: f.storeId,
          purchase_id: f.purchaseId,
          step: f.step,
          occurrence: f.occurrence,
          cadence_version: f.cadenceVersion,
          action: f.action,
          purpose: f.purpose,
          purchased_at: f.purchasedAt,
          time_zone: f.timeZone,
          template: f.template,
          due_at: f.dueAt,
          status: f.status,
          reason: f.reason,
          thanks_day: f.thanksDay,
          correlation_id: f.correlationId,
          created_at: createdAt,
        })),
      )
      .onConflict()
      .ignore()
      .returning<{ id: string }[]>('id');
    return stored.map((row) => row.id);
  },

  /** The brands that have steps still pending; each is then dispatched by its own clock. */
  async brandsWithPending(db: Queryable): Promise<string[]> {
    const rows = await db('follow_ups')
      .distinct<{ brand_id: string }[]>('brand_id')
      .where('status', 'pending');
    return rows.map((row) => row.brand_id);
  },

  /** Claims a brand's due steps; rows another replica holds are skipped, so none is sent twice. */
  async claimDue(db: Queryable, brandId: string, now: Date, limit: number): Promise<FollowUp[]> {
    const rows = await db<FollowUpRow>('follow_ups')
      .where({ brand_id: brandId, status: 'pending' })
      .andWhere('due_at', '<=', now)
      .orderBy('due_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(toFollowUp);
  },

  async markDispatched(db: Queryable, id: string, at: Date, taskId: string | null): Promise<void> {
    await db('follow_ups')
      .where({ id })
      .update({ status: 'dispatched', dispatched_at: at, task_id: taskId });
  },

  async markSkipped(db: Queryable, id: string, reason: FollowUpReason): Promise<void> {
    await db('follow_ups').where({ id }).update({ status: 'skipped', reason });
  },

  /** The occurrence that put a task on a store's list, so its outcome can steer the cadence. */
  async findByTask(db: Queryable, brandId: string, taskId: string): Promise<FollowUp | undefined> {
    const row = await db<FollowUpRow>('follow_ups')
      .where({ brand_id: brandId, task_id: taskId })
      .first();
    return row && toFollowUp(row);
  },

  /** Opted out or erased: nothing more of the member's cadences goes out. */
  async skipPendingFor(
    db: Queryable,
    brandId: string,
    memberId: string,
    reason: FollowUpReason,
  ): Promise<void> {
    await db('follow_ups')
      .where({ brand_id: brandId, member_id: memberId, status: 'pending' })
      .update({ status: 'skipped', reason });
  },

  /** In due order; `limit` rows after `after`, plus one to tell whether more follow. */
  async listForMember(
    db: Queryable,
    brandId: string,
    memberId: string,
    page: PageRequest,
  ): Promise<FollowUp[]> {
    const query = db<FollowUpRow>('follow_ups').where({ brand_id: brandId, member_id: memberId });
    return (await keysetPage(query, 'due_at', 'asc', page)).map(toFollowUp);
  },
};
