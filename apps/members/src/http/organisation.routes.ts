import type { BrandAwareClock, BrandClock, Database, HttpApp, PiiCipher } from '@laoke/platform';
import { registerBrandRoutes } from './brand.routes';
import { registerOrgUnitRoutes } from './org-units.routes';
import { registerStaffRoutes } from './staff.routes';
import { registerStoreRoutes } from './stores.routes';

/** R12: every organisation route, each scoped to the caller's brand. */
export function registerOrganisationRoutes(
  app: HttpApp,
  deps: { db: Database; pii: PiiCipher; clock: BrandClock; brandClock: BrandAwareClock },
): void {
  registerBrandRoutes(app, deps);
  registerOrgUnitRoutes(app, deps);
  registerStoreRoutes(app, deps);
  registerStaffRoutes(app, deps);
}
