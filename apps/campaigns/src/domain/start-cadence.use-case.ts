import type { BrandClock, Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { followUpsRepository as followUps, type NewFollowUp } from '../data/follow-ups.repository';
import { memberCadencesRepository as memberCadences } from '../data/member-cadences.repository';
import { cadenceForPurchase, type CadencePolicy, type DecidedStep } from './cadence-for-purchase';

export interface StartCadenceDeps {
  clock: BrandClock;
  policy: CadencePolicy;
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
 * `cadence-for-purchase.ts`, inside the consumer's transaction. The member's cadence row stays
 * locked until it commits, so two purchases of one member never decide at the same time.
 */
export async function startCadence(
  trx: Transaction,
  deps: StartCadenceDeps,
  purchase: PurchaseToFollowUp,
): Promise<void> {
  const { brandId, memberId } = purchase;
  const now = deps.clock.nowFor(brandId);
  const newest = await memberCadences.lockNewest(trx, brandId, memberId);
  const { leads, steps } = cadenceForPurchase(purchase, newest, now, deps.policy);
  if (leads) {
    await followUps.supersedePending(trx, brandId, memberId);
    await memberCadences.setNewest(trx, brandId, memberId, purchase);
  }

  const rows = steps.map((step) => followUpOf(purchase, step));
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

const followUpOf = (purchase: PurchaseToFollowUp, step: DecidedStep): NewFollowUp => ({
  id: uuidv7(),
  brandId: purchase.brandId,
  memberId: purchase.memberId,
  storeId: purchase.storeId,
  purchaseId: purchase.purchaseId,
  step: step.step,
  template: step.template,
  dueAt: step.dueAt,
  status: step.status,
  reason: step.reason,
  thanksDay: step.thanksDay,
  correlationId: purchase.correlationId,
});
