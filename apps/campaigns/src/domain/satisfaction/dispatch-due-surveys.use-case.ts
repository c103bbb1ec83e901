import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Database } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { surveysRepository as surveys, type Survey } from '../../data/surveys.repository';

export const SURVEY_TEMPLATE = 'survey.satisfaction';

const surveyRequest = (survey: Survey, now: Date) =>
  createEvent({
    type: 'notification.requested',
    occurredAt: now,
    brandId: survey.brandId,
    storeId: survey.storeId,
    memberId: survey.memberId,
    data: {
      requestId: uuidv7(),
      memberId: survey.memberId,
      template: SURVEY_TEMPLATE,
      channel: 'sms' as const,
      category: 'care' as const,
      purpose: 'survey' as const,
      dedupeKey: `survey:${survey.id}`,
      variables: { surveyId: survey.id },
      reason: `survey:${survey.purchaseId}`,
    },
  });

/**
 * Requests the surveys that have come due, each brand at its own clock's now, in the transaction
 * that claims them; a survey answered in the meantime is not asked again. Returns how many.
 */
export async function dispatchDueSurveys(
  deps: { db: Database; clock: BrandClock },
  batchSize: number,
): Promise<number> {
  let dispatched = 0;
  for (const brandId of await surveys.brandsWithPending(deps.db)) {
    dispatched += await deps.db.transaction(async (trx) => {
      const now = deps.clock.nowFor(brandId);
      const due = await surveys.claimDue(trx, brandId, now, batchSize);
      if (due.length === 0) return 0;
      await appendToOutbox(
        trx,
        due.map((survey) => surveyRequest(survey, now)),
      );
      await surveys.markRequested(
        trx,
        due.map((s) => s.id),
        now,
      );
      return due.length;
    });
  }
  return dispatched;
}
