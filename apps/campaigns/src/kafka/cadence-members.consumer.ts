import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import {
  applyCareConsent,
  recordServingAssociate,
} from '../domain/cadence/cadence-members.use-case';

/** R6: what the cadence engine needs of members: care consent (an exit) and who serves them. */
export const cadenceMembersConsumer = (): ConsumerSpec => ({
  groupId: 'campaigns.cadence-members',
  topics: [Topics.membersEvents],
  handlers: {
    'member.consent-changed': (event, trx) => applyCareConsent(trx, event.brandId, event.data),
    'member.updated': async (event, trx) => {
      const { memberId, servingAssociateId } = event.data;
      if (servingAssociateId === undefined) return;
      await recordServingAssociate(trx, event.brandId, memberId, servingAssociateId);
    },
  },
});
