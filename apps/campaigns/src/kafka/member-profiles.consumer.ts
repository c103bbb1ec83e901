import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import {
  projectConsent,
  projectTags,
  projectTier,
} from '../domain/segments/project-member-profile';

/** Segments: each member's tier, tags and consent (spend moves with member-spend). */
export const memberProfilesConsumer = (): ConsumerSpec => ({
  groupId: 'campaigns.member-profiles',
  topics: [Topics.membersEvents, Topics.loyaltyEvents],
  handlers: {
    'member.updated': async (event, trx) => {
      if (event.data.tags)
        await projectTags(trx, event.brandId, event.data.memberId, event.data.tags);
    },
    'member.consent-changed': (event, trx) =>
      projectConsent(trx, event.brandId, event.data.memberId, event.data),
    'tier.changed': (event, trx) =>
      projectTier(trx, event.brandId, event.data.memberId, event.data),
  },
});
