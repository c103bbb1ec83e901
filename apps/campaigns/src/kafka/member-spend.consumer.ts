import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { memberPurchasesRepository as purchases } from '../data/member-purchases.repository';
import { deductReturn, recordSpend } from '../domain/top-members/member-spend';

/** R10: spend per member and store net of returns, and the region of every store. */
export const memberSpendConsumer = (): ConsumerSpec => ({
  groupId: 'campaigns.member-spend',
  topics: [Topics.loyaltyEvents, Topics.organisationEvents],
  handlers: {
    'purchase.recorded': (event, trx) => recordSpend(trx, event.brandId, event.data),
    'purchase.returned': (event, trx) => deductReturn(trx, event.brandId, event.data),
    'store.upserted': (event, trx) =>
      purchases.upsertStoreRegion(trx, event.brandId, event.data.storeId, event.data.regionId),
  },
});
