import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { recordPurchaseActivity, type LapseDeps } from '../domain/lapse/record-purchase-activity';
import { unlessErased } from './unless-erased';

/** R9: every purchase keeps the member active, and ends a win-back journey under way. */
export const purchaseActivityConsumer = (deps: LapseDeps): ConsumerSpec => ({
  groupId: 'campaigns.member-activity',
  topics: [Topics.loyaltyEvents],
  handlers: {
    'purchase.recorded': unlessErased((event, trx) =>
      recordPurchaseActivity(trx, deps, {
        brandId: event.brandId,
        memberId: event.data.memberId,
        storeId: event.data.storeId,
        purchasedAt: new Date(event.data.purchasedAt),
      }),
    ),
  },
});
