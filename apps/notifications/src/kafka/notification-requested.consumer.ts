import { Topics } from '@laoke/contracts';
import { retryFor, type ConsumerSpec } from '@laoke/platform';
import { claimDelivery } from '../domain/claim-delivery.use-case';
import type { DeliveryDeps } from '../domain/delivery-deps';
import { sendDelivery } from '../domain/send-delivery.use-case';

/** Claims the delivery in the consumer's transaction; sends it once that has committed. */
export const notificationRequestedConsumer = (deps: DeliveryDeps): ConsumerSpec => ({
  groupId: 'notifications.deliveries',
  topics: [Topics.notificationRequests],
  // Outlasts the unknown-member grace, so a late member is either found or dead-lettered.
  retry: retryFor(deps.unknownMemberGraceMs),
  handlers: {
    'notification.requested': async (event, trx) => {
      const deliveryId = await claimDelivery(deps, event, trx);
      return deliveryId ? () => sendDelivery(deps, deliveryId) : undefined;
    },
  },
});
