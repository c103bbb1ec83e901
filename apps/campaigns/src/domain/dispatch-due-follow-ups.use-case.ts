import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Database, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  cadenceMembersRepository as cadenceMembers,
  type CadenceMember,
} from '../data/cadence-members.repository';
import { cadenceSentPurposesRepository as sentPurposes } from '../data/cadence-sent-purposes.repository';
import { followUpsRepository as followUps, type FollowUp } from '../data/follow-ups.repository';
import type { CadenceDefinition } from './cadence/cadence-definition';
import { cadenceVersionReader } from './cadence/cadence-versions';
import { occurrenceKey, scheduleFollowingOccurrence } from './cadence/occurrences';
import { createStaffTask } from './tasks/create-staff-task';

interface Firing {
  now: Date;
  member: CadenceMember;
  definition: CadenceDefinition | undefined;
}

const notificationRequestFor = (followUp: FollowUp, now: Date) =>
  createEvent({
    type: 'notification.requested',
    occurredAt: now,
    brandId: followUp.brandId,
    storeId: followUp.storeId,
    memberId: followUp.memberId,
    ...(followUp.correlationId && { correlationId: followUp.correlationId }),
    data: {
      requestId: uuidv7(),
      memberId: followUp.memberId,
      template: followUp.template,
      channel: 'sms' as const,
      category: 'care' as const,
      variables: {},
      reason: `follow-up:${followUp.step}:${followUp.purchaseId}`,
      purpose: followUp.purpose ?? 'follow-up',
      dedupeKey: occurrenceKey(followUp),
    },
  });

/**
 * A message goes out unless the member had one of the same purpose within the cadence's
 * coalescing window (several purchases' cadences running side by side). Thank-yous are
 * governed by R6.2 instead: one per purchase day.
 */
async function sendMessage(trx: Transaction, followUp: FollowUp, firing: Firing) {
  const purpose = followUp.purpose ?? 'follow-up';
  const windowDays = firing.definition?.coalesceWindowDays ?? 0;
  const allowed =
    purpose === 'thank-you' ||
    (await sentPurposes.claim(trx, { ...followUp, purpose }, firing.now, windowDays));
  if (!allowed) return followUps.markSkipped(trx, followUp.id, 'coalesced');
  await appendToOutbox(trx, [notificationRequestFor(followUp, firing.now)]);
  await followUps.markDispatched(trx, followUp.id, firing.now, null);
}

/** A call or visit on the store's list, for the serving associate when the step is theirs. */
async function createTask(trx: Transaction, followUp: FollowUp, firing: Firing) {
  const action = firing.definition?.steps.find((s) => s.step === followUp.step)?.action;
  const task = action?.kind === 'task' ? action : undefined;
  const role = task?.role ?? 'associate';
  const taskId = await createStaffTask(
    trx,
    {
      brandId: followUp.brandId,
      storeId: followUp.storeId,
      memberId: followUp.memberId,
      kind: followUp.template,
      role,
      assigneeId: role === 'associate' ? firing.member.servingAssociateId : null,
      title: task?.title ?? followUp.template,
      dueAt: followUp.dueAt,
      sourceKey: occurrenceKey(followUp),
      ...(followUp.correlationId && { correlationId: followUp.correlationId }),
    },
    firing.now,
  );
  await followUps.markDispatched(trx, followUp.id, firing.now, taskId);
}

/**
 * R6: fires the cadence occurrences that have come due, in the same transaction that claims
 * them (`FOR UPDATE SKIP LOCKED`: rows another replica holds are skipped, so each fires once).
 * Each firing emits one `notification.requested` or `task.created` whose dedupe key is the
 * occurrence's unique key, then stores the step's following occurrence, if any. A step is due
 * when it is due in its brand's time, so each brand is claimed with its own clock (a sandbox
 * brand's may be days ahead of real time). Returns how many occurrences were handled.
 */
export async function dispatchDueFollowUps(
  db: Database,
  clock: BrandClock,
  batchSize = 100,
): Promise<number> {
  return db.transaction(async (trx) => {
    const definitionOf = cadenceVersionReader(trx);
    let handled = 0;
    for (const brandId of await followUps.brandsWithPending(trx)) {
      if (handled >= batchSize) break;
      const now = clock.nowFor(brandId);
      const due = await followUps.claimDue(trx, brandId, now, batchSize - handled);
      if (due.length === 0) continue;
      const members = await cadenceMembers.findMany(trx, brandId, [
        ...new Set(due.map((f) => f.memberId)),
      ]);
      for (const followUp of due) {
        const member = members.get(followUp.memberId) ?? {
          servingAssociateId: null,
          optedOut: false,
        };
        if (member.optedOut) {
          await followUps.markSkipped(trx, followUp.id, 'opted-out');
          continue;
        }
        const definition = await definitionOf(brandId, followUp.cadenceVersion);
        const firing = { now, member, definition };
        if (followUp.action === 'task') await createTask(trx, followUp, firing);
        else await sendMessage(trx, followUp, firing);
        await scheduleFollowingOccurrence(trx, followUp, definition, now);
      }
      handled += due.length;
    }
    return handled;
  });
}
