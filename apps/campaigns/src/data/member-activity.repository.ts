import type { LapseState } from '@laoke/contracts';
import type { Queryable } from '@laoke/platform';

export interface MemberActivity {
  brandId: string;
  memberId: string;
  storeId: string;
  lastPurchaseAt: Date;
  lapseState: LapseState;
}

interface ActivityRow {
  brand_id: string;
  member_id: string;
  store_id: string;
  last_purchase_at: Date;
  lapse_state: LapseState;
}

const toActivity = (row: ActivityRow): MemberActivity => ({
  brandId: row.brand_id,
  memberId: row.member_id,
  storeId: row.store_id,
  lastPurchaseAt: row.last_purchase_at,
  lapseState: row.lapse_state,
});

export const memberActivityRepository = {
  async findForUpdate(
    db: Queryable,
    brandId: string,
    memberId: string,
  ): Promise<MemberActivity | undefined> {
    const row = await db<ActivityRow>('member_activity')
      .where({ brand_id: brandId, member_id: memberId })
      .forUpdate()
      .first();
    return row && toActivity(row);
  },

  async find(db: Queryable, brandId: string, memberId: string) {
    const row = await db<ActivityRow>('member_activity')
      .where({ brand_id: brandId, member_id: memberId })
      .first();
    return row && toActivity(row);
  },

  async save(db: Queryable, activity: MemberActivity, stateChangedAt: Date | null): Promise<void> {
    await db('member_activity')
      .insert({
        brand_id: activity.brandId,
        member_id: activity.memberId,
        store_id: activity.storeId,
        last_purchase_at: activity.lastPurchaseAt,
        lapse_state: activity.lapseState,
        state_changed_at: stateChangedAt,
      })
      .onConflict(['brand_id', 'member_id'])
      .merge();
  },

  async brands(db: Queryable): Promise<string[]> {
    const rows = await db('member_activity')
      .distinct('brand_id')
      .whereNot('lapse_state', 'churned');
    return rows.map((row: { brand_id: string }) => row.brand_id);
  },

  /** Claims a brand's members in `state` whose last purchase is at or before `before`. */
  async claimIdle(
    db: Queryable,
    brandId: string,
    state: LapseState,
    before: Date,
    limit: number,
  ): Promise<MemberActivity[]> {
    const rows = await db<ActivityRow>('member_activity')
      .where({ brand_id: brandId, lapse_state: state })
      .andWhere('last_purchase_at', '<=', before)
      .orderBy('last_purchase_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(toActivity);
  },

  async setState(
    db: Queryable,
    brandId: string,
    memberId: string,
    state: LapseState,
    at: Date,
  ): Promise<void> {
    await db('member_activity')
      .where({ brand_id: brandId, member_id: memberId })
      .update({ lapse_state: state, state_changed_at: at });
  },

  /** Erasure: the member leaves the lapse scans and the at-risk lists (R9). */
  async forget(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('member_activity').where({ brand_id: brandId, member_id: memberId }).delete();
  },
};
