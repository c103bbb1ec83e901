import { Topics } from '@laoke/contracts';
import type { BrandClock, ConsumerSpec } from '@laoke/platform';
import { handOverTasks } from '../domain/tasks/hand-over-tasks.use-case';
import { introduceNewAssociate } from '../domain/tasks/introduce-new-associate.use-case';

/**
 * R2: a member's new serving associate takes over their open tasks and gets a task to
 * introduce themselves.
 */
export const associateReassignedConsumer = (deps: { clock: BrandClock }): ConsumerSpec => ({
  groupId: 'campaigns.associate-introductions',
  topics: [Topics.membersEvents],
  handlers: {
    'member.associate-reassigned': async (event, trx) => {
      await handOverTasks(trx, event.brandId, event.data);
      await introduceNewAssociate(
        trx,
        deps,
        {
          eventId: event.id,
          brandId: event.brandId,
          correlationId: event.correlationId ?? event.id,
        },
        event.data,
      );
    },
  },
});
