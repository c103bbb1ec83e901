import type { BrandClock, Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { cadenceMembersRepository as cadenceMembers } from '../data/cadence-members.repository';
import { followUpsRepository as followUps, type NewFollowUp } from '../data/follow-ups.repository';
import { greetingMembersRepository as greetingMembers } from '../data/greeting-members.repository';
import { memberCadencesRepository as memberCadences } from '../data/member-cadences.repository';
import { cadenceForPurchase, type CadencePolicy, type DecidedStep } from './cadence-for-purchase';
import { currentCadence } from './cadence/cadence-versions';

export interface StartCadenceDeps {
  clock: BrandClock;
  /** The brand's zone (for members whose own is unknown) and the late-purchase grace. */
  policy: Omit<CadencePolicy, 'cadence'>;
}

export interface PurchaseToFollowUp {
  brandId: string;
  memberId: string;
  storeId: string;
  purchaseId: string;
  purchasedAt: Date;
  correlationId: string;
}

/**
 * R6: a recorded purchase (re)starts the member's follow-up cadence by the rules of
 * `cadence-for-purchase.ts`, on the brand's current cadence version (which the purchase keeps)
 * and in the member's own time zone, inside the consumer's transaction. The member's cadence
 * row stays locked until it commits, so two purchases of one member never decide at the same
 * time. An opted-out member's steps are all recorded as skipped: nothing goes out.
 */
export async function startCadence(
  trx: Transaction,
  deps: StartCadenceDeps,
  purchase: PurchaseToFollowUp,
): Promise<void> {
  const { brandId, memberId } = purchase;
  const now = deps.clock.nowFor(brandId);
  const newest = await memberCadences.lockNewest(trx, brandId, memberId);
  const cadence = await currentCadence(trx, brandId);
  const timeZone =
    (await greetingMembers.find(trx, brandId, memberId))?.timeZone ?? deps.policy.timeZone;
  const { optedOut } = await cadenceMembers.find(trx, brandId, memberId);
  const { leads, supersedesOthers, steps } = cadenceForPurchase(purchase, newest, now, {
    ...deps.policy,
    timeZone,
    cadence: cadence.definition,
  });
  if (leads) await memberCadences.setNewest(trx, brandId, memberId, purchase);
  if (supersedesOthers) await followUps.supersedePending(trx, brandId, memberId);

  const rows = steps.map((step) => {
    const row = followUpOf(purchase, step, cadence.version, timeZone);
    return optedOut && row.status === 'pending'
      ? { ...row, status: 'skipped' as const, reason: 'opted-out' as const, thanksDay: null }
      : row;
  });
  const thanks = rows.filter((row) => row.thanksDay !== null);
  const stored = await followUps.insertAll(trx, rows, now);
  // R6.2: a thank-you the day's unique key refused is recorded as skipped, so the list shows it.
  const refused = thanks
    .filter((row) => !stored.includes(row.id))
    .map((row) => ({
      ...row,
      id: uuidv7(),
      status: 'skipped' as const,
      reason: 'thanked-today' as const,
      thanksDay: null,
    }));
  await followUps.insertAll(trx, refused, now);
}

const followUpOf = (
  purchase: PurchaseToFollowUp,
  step: DecidedStep,
  cadenceVersion: number,
  timeZone: string,
): NewFollowUp => ({
  id: uuidv7(),
  brandId: purchase.brandId,
  memberId: purchase.memberId,
  storeId: purchase.storeId,
  purchaseId: purchase.purchaseId,
  step: step.step,
  occurrence: step.occurrence,
  cadenceVersion,
  action: step.action,
  purpose: step.purpose,
  template: step.template,
  dueAt: step.dueAt,
  status: step.status,
  reason: step.reason,
  thanksDay: step.thanksDay,
  purchasedAt: purchase.purchasedAt,
  timeZone,
  taskId: null,
  correlationId: purchase.correlationId,
});
