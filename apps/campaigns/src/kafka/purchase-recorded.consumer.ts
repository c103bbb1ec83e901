import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { startCadence, type StartCadenceDeps } from '../domain/start-cadence.use-case';
import { unlessErased } from './unless-erased';

/** R6: each purchase (re)starts the member's follow-up cadence. */
export const purchaseRecordedConsumer = (deps: StartCadenceDeps): ConsumerSpec => ({
  groupId: 'campaigns.follow-up-cadence',
  topics: [Topics.loyaltyEvents],
  handlers: {
    'purchase.recorded': unlessErased((event, trx) =>
      startCadence(trx, deps, {
        brandId: event.brandId,
        memberId: event.data.memberId,
        storeId: event.data.storeId,
        purchaseId: event.data.purchaseId,
        purchasedAt: new Date(event.data.purchasedAt),
        correlationId: event.correlationId ?? event.id,
      }),
    ),
  },
});
