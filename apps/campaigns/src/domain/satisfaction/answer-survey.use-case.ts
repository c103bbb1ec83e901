import { createEvent } from '@laoke/contracts';
import { appendToOutbox, DomainError, type BrandClock, type Database } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { casesRepository as cases } from '../../data/cases.repository';
import { surveysRepository as surveys } from '../../data/surveys.repository';
import { createStaffTask } from '../tasks/create-staff-task';
import type { SatisfactionPolicy } from './satisfaction-policy';

export interface AnswerSurveyDeps {
  db: Database;
  clock: BrandClock;
  policy: SatisfactionPolicy;
}

export interface SurveyAnswer {
  score: number;
  comment?: string;
  reasonCodes?: string[];
}

/**
 * R8: records a member's answer (`survey.answered`). A low score opens a complaint case for the
 * store manager, with a deadline and a call task, so an unhappy member is never left silent.
 * A survey is answered once; answering again is a conflict.
 */
export async function answerSurvey(
  deps: AnswerSurveyDeps,
  scope: { brandId: string; surveyId: string },
  answer: SurveyAnswer,
): Promise<{ caseId: string | null }> {
  return deps.db.transaction(async (trx) => {
    const survey = await surveys.findForUpdate(trx, scope.brandId, scope.surveyId);
    if (!survey) {
      throw new DomainError('SURVEY_NOT_FOUND', 'no survey has this id', {
        kind: 'not-found',
        field: 'surveyId',
      });
    }
    if (survey.status === 'answered') {
      throw new DomainError('SURVEY_ALREADY_ANSWERED', 'this survey was answered before', {
        kind: 'conflict',
        field: 'surveyId',
      });
    }
    if (survey.status === 'cancelled') {
      throw new DomainError('SURVEY_CANCELLED', 'this survey no longer takes answers', {
        kind: 'rule',
        field: 'surveyId',
      });
    }
    const now = deps.clock.nowFor(scope.brandId);
    const reasonCodes = answer.reasonCodes ?? [];
    await surveys.recordAnswer(trx, survey.id, {
      score: answer.score,
      comment: answer.comment ?? null,
      reasonCodes,
      at: now,
    });
    const envelope = {
      occurredAt: now,
      brandId: survey.brandId,
      storeId: survey.storeId,
      memberId: survey.memberId,
    };
    await appendToOutbox(trx, [
      createEvent({
        ...envelope,
        type: 'survey.answered',
        data: {
          surveyId: survey.id,
          memberId: survey.memberId,
          storeId: survey.storeId,
          purchaseId: survey.purchaseId,
          score: answer.score,
          reasonCodes,
          answeredAt: now.toISOString(),
        },
      }),
    ]);
    if (answer.score > deps.policy.lowScore) return { caseId: null };

    const caseId = uuidv7();
    const deadlineAt = new Date(now.getTime() + deps.policy.caseDeadlineMs);
    await cases.insert(trx, {
      id: caseId,
      brandId: survey.brandId,
      storeId: survey.storeId,
      memberId: survey.memberId,
      surveyId: survey.id,
      status: 'open',
      deadlineAt,
      openedAt: now,
      contactedAt: null,
      resolvedAt: null,
      escalatedAt: null,
      resolution: null,
    });
    await createStaffTask(
      trx,
      {
        brandId: survey.brandId,
        storeId: survey.storeId,
        memberId: survey.memberId,
        kind: 'complaint-call',
        role: 'store-manager',
        assigneeId: null,
        title: `Call the member about their score of ${answer.score}`,
        dueAt: deadlineAt,
        sourceKey: `case:${caseId}`,
      },
      now,
    );
    await appendToOutbox(trx, [
      createEvent({
        ...envelope,
        type: 'case.opened',
        data: {
          caseId,
          memberId: survey.memberId,
          storeId: survey.storeId,
          surveyId: survey.id,
          deadlineAt: deadlineAt.toISOString(),
        },
      }),
    ]);
    return { caseId };
  });
}
