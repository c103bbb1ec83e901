import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import {
  deliverNotification,
  type DeliverNotificationDeps,
} from '../domain/deliver-notification.use-case';

export const notificationRequestedConsumer = (deps: DeliverNotificationDeps): ConsumerSpec => ({
  groupId: 'notifications.deliveries',
  topics: [Topics.notificationRequests],
  handlers: {
    'notification.requested': (event, trx) => deliverNotification(deps, event, trx),
  },
});
