import { Topics } from '@laoke/contracts';
import { retryFor, type ConsumerSpec } from '@laoke/platform';
import { claimDelivery } from '../domain/claim-delivery.use-case';
import type { DeliveryDeps } from '../domain/delivery-deps';
import { recordRejectedRequest } from '../domain/record-rejected-request.use-case';
import { sendDelivery } from '../domain/send-delivery.use-case';

/**
 * Claims the delivery in the consumer's transaction; sends it once that has committed. A request
 * that goes to the dead-letter topic (it fails its schema) is recorded as rejected.
 */
export const notificationRequestedConsumer = (deps: DeliveryDeps): ConsumerSpec => ({
  groupId: 'notifications.deliveries',
  topics: [Topics.notificationRequests],
  // Outlasts the unknown-member grace, so a late member is either found or dead-lettered.
  retry: retryFor(deps.unknownMemberGraceMs),
  onDeadLetter: (notice) => recordRejectedRequest(deps, notice),
  handlers: {
    'notification.requested': async (event, trx) => {
      const deliveryId = await claimDelivery(deps, event, trx);
      return deliveryId ? () => sendDelivery(deps, deliveryId) : undefined;
    },
  },
});
