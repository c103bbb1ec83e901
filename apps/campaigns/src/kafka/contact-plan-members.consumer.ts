import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import {
  forgetPlanMember,
  projectJoinedMember,
  projectMemberChange,
  projectReassignment,
} from '../domain/contact-plan/project-plan-member';

/** Issue 9 item 6: who the contact plan covers, in which store, served by whom, since when. */
export const contactPlanMembersConsumer: ConsumerSpec = {
  groupId: 'campaigns.contact-plan-members',
  topics: [Topics.membersEvents],
  handlers: {
    'member.registered': (event, trx) => projectJoinedMember(trx, event.brandId, event.data),
    'member.updated': (event, trx) => projectMemberChange(trx, event.brandId, event.data),
    'member.associate-reassigned': (event, trx) =>
      projectReassignment(trx, event.brandId, event.data),
    'member.erased': (event, trx) => forgetPlanMember(trx, event.brandId, event.data.memberId),
  },
};
