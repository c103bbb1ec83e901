import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { knownMembersRepository } from '../data/known-members.repository';

/** Keeps the projection of members who may earn points; an erased member leaves it. */
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
    'member.erased': (event, trx) =>
      knownMembersRepository.forget(trx, event.brandId, event.data.memberId),
  },
};
