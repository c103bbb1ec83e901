import { systemClock, type ServiceDefinition } from '@laoke/platform';
import { loyaltyMigrations } from '../migrations';
import { createMembersClient } from './clients/members.client';
import type { LoyaltyConfig } from './config';
import { registerPointsRoutes } from './http/points.routes';
import { registerPurchaseRoutes } from './http/purchases.routes';
import { memberRegisteredConsumer } from './kafka/member-registered.consumer';

export const loyaltyService: ServiceDefinition<LoyaltyConfig> = {
  description:
    'Purchases from POS, points ledger and earn rules (R4). Emits purchase.* and points.* events.',
  tags: [
    { name: 'purchases', description: 'POS sales' },
    { name: 'points', description: 'Points balances' },
  ],
  migrations: loyaltyMigrations,
  routes(app, { db, config }) {
    registerPurchaseRoutes(app, {
      db,
      members: createMembersClient(config.MEMBERS_URL),
      clock: systemClock,
    });
    registerPointsRoutes(app, { db });
  },
  consumers: () => [memberRegisteredConsumer],
};
