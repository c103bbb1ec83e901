import { Topics } from '@laoke/contracts';
import type { BrandClock, ConsumerSpec } from '@laoke/platform';
import { recordStaffTaskOutcome } from '../domain/staff-task-outcome.use-case';

/** The staff-task channel's receipts: the outcome of the call campaigns put on a store's list. */
export const staffTaskOutcomesConsumer = (deps: { clock: BrandClock }): ConsumerSpec => ({
  groupId: 'notifications.staff-task-outcomes',
  topics: [Topics.campaignsEvents],
  handlers: {
    'task.completed': (event, trx) =>
      recordStaffTaskOutcome({ db: trx, clock: deps.clock }, event.data),
  },
});
