import type { BrandClock } from '../clock';
import type { Queryable } from '../db/database';
import { brandClocksRepository, type BrandClockSetting } from './brand-clocks.repository';

/**
 * The one clock every service's rules read: a normal brand's "now" is the base clock's, a
 * sandbox brand's is the time its head office last set (it stands still in between). The
 * sandbox times live in the service's `brand_clocks` table, fed by `brand.clock-changed`; this
 * keeps them in memory so `nowFor` never waits on the database, refreshed about every second
 * (see brandClockRefreshJob) and at once when this replica applies a change.
 */
export interface BrandAwareClock extends BrandClock {
  /** Reloads every sandbox time from the projection. */
  refresh(db: Queryable): Promise<number>;
  /** Takes a change this replica has just committed, before the next refresh. */
  remember(setting: Pick<BrandClockSetting, 'brandId' | 'frozenAt'>): void;
}

export function createBrandAwareClock(base: BrandClock): BrandAwareClock {
  let frozen = new Map<string, Date>();
  const later = (brandId: string, at: Date) => {
    const known = frozen.get(brandId);
    return known && known > at ? known : at;
  };
  return {
    now: () => base.now(),
    nowFor(brandId) {
      const at = frozen.get(brandId);
      return at ? new Date(at) : base.nowFor(brandId);
    },
    async refresh(db) {
      const settings = await brandClocksRepository.all(db);
      const next = new Map<string, Date>();
      // A change remembered in memory may be newer than what the read saw; keep the later one.
      for (const s of settings) next.set(s.brandId, later(s.brandId, s.frozenAt));
      frozen = next;
      return settings.length;
    },
    remember({ brandId, frozenAt }) {
      frozen.set(brandId, later(brandId, frozenAt));
    },
  };
}
