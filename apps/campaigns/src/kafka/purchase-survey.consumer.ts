import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { scheduleSurvey } from '../domain/satisfaction/schedule-survey';
import { unlessErased } from './unless-erased';

/** R8: each purchase gets one satisfaction survey, requested after the brand's delay. */
export const purchaseSurveyConsumer = (deps: { surveyDelayMs: number }): ConsumerSpec => ({
  groupId: 'campaigns.satisfaction-survey',
  topics: [Topics.loyaltyEvents],
  handlers: {
    'purchase.recorded': unlessErased((event, trx) =>
      scheduleSurvey(
        trx,
        {
          brandId: event.brandId,
          memberId: event.data.memberId,
          storeId: event.data.storeId,
          purchaseId: event.data.purchaseId,
          purchasedAt: new Date(event.data.purchasedAt),
        },
        deps.surveyDelayMs,
      ),
    ),
  },
});
