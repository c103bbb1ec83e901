import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { knownMembersRepository } from '../data/known-members.repository';

/** Keeps the projection of members who may earn points. */
export const memberRegisteredConsumer: ConsumerSpec = {
  groupId: 'loyalty.member-directory',
  topics: [Topics.membersEvents],
  handlers: {
    'member.registered': (event, trx) =>
      knownMembersRepository.upsert(trx, {
        memberId: event.data.memberId,
        brandId: event.brandId,
        homeStoreId: event.data.homeStoreId,
        registeredAt: new Date(event.data.registeredAt),
      }),
  },
};
