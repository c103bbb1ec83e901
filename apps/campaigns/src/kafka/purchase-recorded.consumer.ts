import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { followUpsRepository as followUps } from '../data/follow-ups.repository';
import { planFollowUps } from '../domain/follow-up-cadence';

/** R6: each purchase (re)starts the member's follow-up cadence. */
export const purchaseRecordedConsumer = (timeZone: string): ConsumerSpec => ({
  groupId: 'campaigns.follow-up-cadence',
  topics: [Topics.loyaltyEvents],
  handlers: {
    'purchase.recorded': async (event, trx) => {
      const { purchaseId, memberId, storeId, purchasedAt } = event.data;
      await followUps.supersedeFuture(trx, memberId, new Date(purchasedAt));
      const planned = planFollowUps(new Date(purchasedAt), timeZone).map((step) => ({
        ...step,
        id: uuidv7(),
        brandId: event.brandId,
        memberId,
        storeId,
        purchaseId,
        status: 'pending' as const,
        correlationId: event.correlationId ?? event.id,
      }));
      await followUps.insertAll(trx, planned, new Date());
    },
  },
});
