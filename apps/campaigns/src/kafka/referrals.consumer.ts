import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import {
  forgetReferrals,
  recordFirstPurchase,
  recordReferral,
  type ReferralDeps,
} from '../domain/referrals/welcome-referral.use-case';

/** R7: a referral and the referred member's first purchase, in whichever order they arrive. */
export const referralsConsumer = (deps: ReferralDeps): ConsumerSpec => ({
  groupId: 'campaigns.referrals',
  topics: [Topics.membersEvents, Topics.loyaltyEvents],
  handlers: {
    'member.referred': (event, trx) =>
      recordReferral(trx, deps, {
        brandId: event.brandId,
        memberId: event.data.memberId,
        referrerMemberId: event.data.referrerMemberId,
        referredAt: new Date(event.data.referredAt),
      }),
    'purchase.recorded': (event, trx) =>
      recordFirstPurchase(trx, deps, {
        brandId: event.brandId,
        memberId: event.data.memberId,
        purchaseId: event.data.purchaseId,
        storeId: event.data.storeId,
        purchasedAt: new Date(event.data.purchasedAt),
      }),
    'member.erased': (event, trx) => forgetReferrals(trx, event.brandId, event.data.memberId),
  },
});
