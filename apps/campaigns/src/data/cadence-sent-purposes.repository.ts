import type { Queryable } from '@laoke/platform';

const DAY_MS = 86_400_000;

/** When each member last got a cadence message of each purpose: the coalescing window's memory. */
export const cadenceSentPurposesRepository = {
  /**
   * Records a message of `purpose` at `at` unless one went out less than `windowDays` before;
   * true when it may be sent. The upsert takes the row lock, so two cadences of one member
   * firing at once on two replicas cannot both pass.
   */
  async claim(
    db: Queryable,
    key: { brandId: string; memberId: string; purpose: string },
    at: Date,
    windowDays: number,
  ): Promise<boolean> {
    const since = new Date(at.getTime() - windowDays * DAY_MS);
    const { rows } = await db.raw<{ rows: unknown[] }>(
      `insert into cadence_sent_purposes (brand_id, member_id, purpose, last_sent_at)
       values (?, ?, ?, ?)
       on conflict (brand_id, member_id, purpose) do update set last_sent_at = excluded.last_sent_at
       where cadence_sent_purposes.last_sent_at <= ?
       returning 1`,
      [key.brandId, key.memberId, key.purpose, at, since],
    );
    return rows.length > 0;
  },

  async forget(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db('cadence_sent_purposes').where({ brand_id: brandId, member_id: memberId }).delete();
  },
};
