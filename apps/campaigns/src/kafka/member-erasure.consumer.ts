import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { forgetErasedMember } from '../domain/forget-erased-member.use-case';

/** PIPL: an erased member's pending care and tasks are called off, their free texts dropped. */
export const memberErasureConsumer: ConsumerSpec = {
  groupId: 'campaigns.member-erasure',
  topics: [Topics.membersEvents],
  handlers: {
    'member.erased': ({ brandId, data }, trx) =>
      forgetErasedMember(trx, {
        brandId,
        memberId: data.memberId,
        at: new Date(data.erasedAt),
      }),
  },
};
