import { Topics } from '@laoke/contracts';
import type { BrandClock, ConsumerSpec } from '@laoke/platform';
import { createNotificationStaffTask } from '../domain/tasks/notification-staff-task.use-case';

/** Messages notifications routed to the staff-task channel become calls on a store's list. */
export const notificationStaffTasksConsumer = (deps: { clock: BrandClock }): ConsumerSpec => ({
  groupId: 'campaigns.notification-staff-tasks',
  topics: [Topics.notificationEvents],
  handlers: {
    'notification.staff-task-requested': (event, trx) =>
      createNotificationStaffTask(trx, deps, event),
  },
});
