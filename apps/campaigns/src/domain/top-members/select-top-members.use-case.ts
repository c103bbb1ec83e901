import type { BrandClock, Database } from '@laoke/platform';
import { memberPurchasesRepository as purchases } from '../../data/member-purchases.repository';
import { createStaffTask } from '../tasks/create-staff-task';
import { localYear, yearToSelect, type TopMembersPolicy } from './top-members-policy';

export interface TopMembersDeps {
  db: Database;
  clock: BrandClock;
  policy: TopMembersPolicy;
}

const VISIT_WINDOW_MS = 30 * 86_400_000;

/**
 * R10: once a year, on the brand's selection day, last year's top spenders of each region become
 * appreciation-visit tasks for the regional staff (a visit or a valuable gift, and their
 * suggestions). One replica chooses per brand and year; a replayed choice adds no task.
 */
export async function selectTopMembers(deps: TopMembersDeps): Promise<number> {
  let selected = 0;
  for (const brandId of await purchases.brands(deps.db)) {
    const now = deps.clock.nowFor(brandId);
    const year = yearToSelect(now, deps.policy);
    if (year === null) continue;
    selected += await deps.db.transaction(async (trx) => {
      if (!(await purchases.claimSelection(trx, brandId, year, now))) return 0;
      const top = await purchases.ranking(trx, {
        brandId,
        ...localYear(year, deps.policy.timeZone),
        perRegion: deps.policy.perRegion,
      });
      for (const member of top) {
        await createStaffTask(
          trx,
          {
            brandId,
            storeId: member.storeId,
            memberId: member.memberId,
            kind: 'top-member-visit',
            role: 'region-manager',
            assigneeId: null,
            title: `${year}年度尊享会员（区域第${member.rank}名）：登门拜访或赠礼，并听取建议`,
            dueAt: new Date(now.getTime() + VISIT_WINDOW_MS),
            sourceKey: `top-member:${year}:${member.memberId}`,
          },
          now,
        );
      }
      await purchases.setSelected(trx, brandId, year, top.length);
      return top.length;
    });
  }
  return selected;
}

export async function topMembersOf(
  deps: TopMembersDeps,
  query: { brandId: string; year: number; regionId?: string },
) {
  const [items, selection] = await Promise.all([
    purchases.ranking(deps.db, {
      brandId: query.brandId,
      ...localYear(query.year, deps.policy.timeZone),
      perRegion: deps.policy.perRegion,
      ...(query.regionId && { regionId: query.regionId }),
    }),
    purchases.selection(deps.db, query.brandId, query.year),
  ]);
  return {
    year: query.year,
    selectedAt: selection ? selection.selectedAt.toISOString() : null,
    items,
  };
}
