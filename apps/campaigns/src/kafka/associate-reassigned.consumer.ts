import { Topics } from '@laoke/contracts';
import type { BrandClock, ConsumerSpec } from '@laoke/platform';
import { introduceNewAssociate } from '../domain/tasks/introduce-new-associate.use-case';

/** R2: a member's new serving associate gets a task to introduce themselves. */
export const associateReassignedConsumer = (deps: { clock: BrandClock }): ConsumerSpec => ({
  groupId: 'campaigns.associate-introductions',
  topics: [Topics.membersEvents],
  handlers: {
    'member.associate-reassigned': (event, trx) =>
      introduceNewAssociate(
        trx,
        deps,
        {
          eventId: event.id,
          brandId: event.brandId,
          correlationId: event.correlationId ?? event.id,
        },
        event.data,
      ),
  },
});
