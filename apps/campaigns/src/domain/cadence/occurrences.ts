import type { Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { followUpsRepository as followUps, type FollowUp } from '../../data/follow-ups.repository';
import { occurrenceOf } from '../follow-up-cadence';
import type { CadenceDefinition } from './cadence-definition';

/**
 * The occurrence's unique key (member, cadence instance = purchase, step, occurrence): the
 * dedupe key of the message or the source key of the task it fires, so it fires once however
 * often it is replayed.
 */
export const occurrenceKey = (
  f: Pick<FollowUp, 'memberId' | 'purchaseId' | 'step' | 'occurrence'>,
) => `cadence:${f.memberId}:${f.purchaseId}:${f.step}:${f.occurrence}`;

/** After an occurrence fires, a repeating step's next one is stored: only ever the next. */
export async function scheduleFollowingOccurrence(
  trx: Transaction,
  fired: FollowUp,
  definition: CadenceDefinition | undefined,
  now: Date,
): Promise<void> {
  const step = definition?.steps.find((s) => s.step === fired.step);
  if (!step?.repeat || !fired.purchasedAt || !fired.timeZone) return;
  const next = occurrenceOf(step, fired.occurrence + 1, fired.purchasedAt, fired.timeZone);
  if (!next) return;
  await followUps.insertAll(
    trx,
    [
      {
        ...fired,
        ...next,
        id: uuidv7(),
        status: 'pending',
        reason: null,
        thanksDay: null,
        taskId: null,
      },
    ],
    now,
  );
}
