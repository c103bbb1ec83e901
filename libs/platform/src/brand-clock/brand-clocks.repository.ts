import type { Queryable } from '../db/database';

export interface BrandClockSetting {
  brandId: string;
  frozenAt: Date;
  changedAt: Date;
}

interface BrandClockRow {
  brand_id: string;
  frozen_at: Date;
  changed_at: Date;
}

const toSetting = (row: BrandClockRow): BrandClockSetting => ({
  brandId: row.brand_id,
  frozenAt: row.frozen_at,
  changedAt: row.changed_at,
});

export const brandClocksRepository = {
  /**
   * Records a sandbox brand's time. A change older than the one recorded (a redelivery, or two
   * changes read out of order) never moves the clock back.
   */
  async record(db: Queryable, setting: BrandClockSetting): Promise<void> {
    await db.raw(
      `insert into brand_clocks (brand_id, frozen_at, changed_at) values (?, ?, ?)
       on conflict (brand_id) do update
         set frozen_at = excluded.frozen_at, changed_at = excluded.changed_at
         where brand_clocks.frozen_at <= excluded.frozen_at`,
      [setting.brandId, setting.frozenAt, setting.changedAt],
    );
  },

  async find(db: Queryable, brandId: string): Promise<BrandClockSetting | undefined> {
    const row = await db<BrandClockRow>('brand_clocks').where({ brand_id: brandId }).first();
    return row && toSetting(row);
  },

  async all(db: Queryable): Promise<BrandClockSetting[]> {
    return (await db<BrandClockRow>('brand_clocks').select()).map(toSetting);
  },
};
