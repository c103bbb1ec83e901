import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { storesRepository as stores } from '../data/stores.repository';

/** Keeps each store's franchisee, for liability per franchisee and franchise settlement. */
export const storesConsumer: ConsumerSpec = {
  groupId: 'loyalty.stores',
  topics: [Topics.organisationEvents],
  handlers: {
    'store.upserted': (event, trx) =>
      stores.upsert(trx, {
        brandId: event.brandId,
        code: event.data.code,
        storeId: event.data.storeId,
        franchiseeId: event.data.ownership === 'franchised' ? event.data.franchiseeId : null,
        ownership: event.data.ownership,
        updatedAt: new Date(event.data.updatedAt),
      }),
  },
};
