import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import {
  forgetMember,
  projectRegisteredMember,
  projectUpdatedMember,
  type GreetingProjectionDeps,
} from '../domain/greetings/project-greeting-member';

/** R5: the birthdays, calendars and zones greetings are sent by. */
export const greetingMembersConsumer = (deps: GreetingProjectionDeps): ConsumerSpec => ({
  groupId: 'campaigns.greeting-members',
  topics: [Topics.membersEvents],
  handlers: {
    'member.registered': (event, trx) =>
      projectRegisteredMember(trx, deps, event.brandId, event.data),
    'member.updated': (event, trx) => projectUpdatedMember(trx, deps, event.brandId, event.data),
    'member.erased': (event, trx) => forgetMember(trx, event.brandId, event.data.memberId),
  },
});
