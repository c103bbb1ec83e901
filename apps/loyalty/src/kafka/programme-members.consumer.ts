import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { programmeMembersRepository as programmeMembers } from '../data/programme-members.repository';

/** Keeps the member facts the programme reads: birthday promotions and the membership year. */
export const programmeMembersConsumer: ConsumerSpec = {
  groupId: 'loyalty.programme-members',
  topics: [Topics.membersEvents],
  handlers: {
    'member.registered': (event, trx) =>
      programmeMembers.upsert(trx, {
        memberId: event.data.memberId,
        brandId: event.brandId,
        birthday: event.data.birthday ?? null,
        registeredAt: new Date(event.data.registeredAt),
      }),
    'member.updated': async (event, trx) => {
      if (event.data.birthday !== undefined)
        await programmeMembers.setBirthday(
          trx,
          event.brandId,
          event.data.memberId,
          event.data.birthday,
        );
    },
    // PIPL erasure: the member's personal projection goes; purchases and points stay for totals.
    'member.erased': (event, trx) =>
      programmeMembers.forget(trx, event.brandId, event.data.memberId),
  },
};
