import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';

/**
 * A local opt-out (an "R" reply) holds until members has the final word: a grant there made
 * after the reply lifts it. Members' refusal needs nothing here; the consent projection has it.
 */
export const memberConsentOptOutsConsumer: ConsumerSpec = {
  groupId: 'notifications.opt-outs',
  topics: [Topics.membersEvents],
  handlers: {
    'member.consent-changed': async (event, trx) => {
      const { memberId, channel, category, granted, changedAt } = event.data;
      if (!granted) return;
      await trx('opt_outs')
        .where({ member_id: memberId, channel, category })
        .where('at', '<', new Date(changedAt))
        .delete();
    },
  },
};
