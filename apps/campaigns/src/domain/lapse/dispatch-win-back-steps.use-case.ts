import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Database, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { winBackRepository as winBack, type DueWinBackStep } from '../../data/win-back.repository';
import { createStaffTask } from '../tasks/create-staff-task';
import { stepOf } from './lapse-policy';

async function touch(trx: Transaction, step: DueWinBackStep, now: Date): Promise<void> {
  const action = stepOf(step.step)?.action;
  const key = `win-back:${step.journeyId}:${step.step}`;
  if (action?.kind === 'message') {
    await appendToOutbox(trx, [
      createEvent({
        type: 'notification.requested',
        occurredAt: now,
        brandId: step.brandId,
        storeId: step.storeId,
        memberId: step.memberId,
        data: {
          requestId: uuidv7(),
          memberId: step.memberId,
          template: action.template,
          category: 'marketing' as const,
          purpose: 'win-back' as const,
          dedupeKey: key,
          variables: {},
          reason: key,
        },
      }),
    ]);
  }
  if (action?.kind === 'task') {
    await createStaffTask(
      trx,
      {
        brandId: step.brandId,
        storeId: step.storeId,
        memberId: step.memberId,
        kind: 'win-back-call',
        role: action.role,
        assigneeId: null,
        title: action.title,
        dueAt: now,
        sourceKey: key,
      },
      now,
    );
  }
}

/** Sends the win-back touches that have come due, each brand at its own clock, each once. */
export async function dispatchWinBackSteps(
  deps: { db: Database; clock: BrandClock },
  batchSize: number,
): Promise<number> {
  let dispatched = 0;
  for (const brandId of await winBack.brandsWithDueSteps(deps.db)) {
    dispatched += await deps.db.transaction(async (trx) => {
      const now = deps.clock.nowFor(brandId);
      const due = await winBack.claimDueSteps(trx, brandId, now, batchSize);
      for (const step of due) await touch(trx, step, now);
      await winBack.markDone(trx, due, now);
      return due.length;
    });
  }
  return dispatched;
}
