import type { TaskOutcome } from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { followUpsRepository as followUps } from '../../data/follow-ups.repository';
import type { StaffTask } from '../../data/staff-tasks.repository';
import { FALLBACK_SUFFIX } from './cadence-definition';
import { cadenceVersionReader } from './cadence-versions';

/** A declined call reached the member; only these outcomes mean the call did not. */
const NOT_REACHED: ReadonlySet<TaskOutcome> = new Set(['no-answer', 'wrong-number']);

/**
 * R6 branches: a cadence call completed as not reached schedules its step's fallback message,
 * due at once, as an occurrence of its own (`<step>.not-reached`), so it is sent once by the
 * dispatcher, however often the completion is replayed.
 */
export async function followTaskOutcome(
  trx: Transaction,
  task: StaffTask,
  outcome: TaskOutcome,
  now: Date,
): Promise<void> {
  if (!NOT_REACHED.has(outcome)) return;
  const call = await followUps.findByTask(trx, task.brandId, task.id);
  if (!call) return;
  const definition = await cadenceVersionReader(trx)(call.brandId, call.cadenceVersion);
  const fallback = definition?.steps.find((s) => s.step === call.step)?.onNotReached;
  if (!fallback) return;
  await followUps.insertAll(
    trx,
    [
      {
        ...call,
        id: uuidv7(),
        step: `${call.step}${FALLBACK_SUFFIX}`,
        action: 'message',
        purpose: fallback.purpose,
        template: fallback.template,
        dueAt: now,
        status: 'pending',
        reason: null,
        thanksDay: null,
        taskId: null,
      },
    ],
    now,
  );
}
