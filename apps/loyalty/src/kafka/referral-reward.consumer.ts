import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { rewardReferral, type ReferralRewardDeps } from '../domain/referral-reward.use-case';

/** R7: the referrer's reward when a referred member joins, if head office set one. */
export const referralRewardConsumer = (deps: ReferralRewardDeps): ConsumerSpec => ({
  groupId: 'loyalty.referral-rewards',
  topics: [Topics.membersEvents],
  handlers: {
    'member.referred': (event, trx) =>
      rewardReferral(trx, deps, {
        brandId: event.brandId,
        ...(event.correlationId && { correlationId: event.correlationId }),
        data: event.data,
      }),
  },
});
