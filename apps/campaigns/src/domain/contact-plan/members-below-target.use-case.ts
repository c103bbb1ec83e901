import type { BrandClock, Database, PageRequest } from '@laoke/platform';
import { contactPlanRepository as plan } from '../../data/contact-plan.repository';
import type { ContactPlanPolicy } from './contact-plan-policy';

/** Issue 9 item 6: one page of a store's members with fewer contacts this year than the plan. */
export const membersBelowTarget = (
  deps: { db: Database; clock: BrandClock; policy: ContactPlanPolicy },
  scope: { brandId: string; storeId: string },
  page: PageRequest,
) =>
  plan.belowTarget(
    deps.db,
    {
      ...scope,
      now: deps.clock.nowFor(scope.brandId),
      timeZone: deps.policy.timeZone,
      target: deps.policy.contactsPerYear,
    },
    page,
  );
