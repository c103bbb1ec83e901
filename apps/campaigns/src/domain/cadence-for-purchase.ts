import { DateTime } from 'luxon';
import { JEWELRY_CADENCE, type CadenceDefinition } from './cadence/cadence-definition';
import { nextOccurrenceAfter, planFollowUps, type PlannedFollowUp } from './follow-up-cadence';

/**
 * R6 when purchases arrive late, early or together: a POS may upload a sale hours or weeks after
 * it was made, and one member's sales may arrive in any order or at once.
 *
 * - R6.1 The thank-you belongs to the purchase's own day: the day-0 step is owed only if the
 *   purchase becomes known before its local day ends ("thank you for coming today" read on a
 *   later day is wrong); otherwise it is skipped as `late-purchase`.
 * - R6.2 One thank-you per member per local day: a second purchase that day records its
 *   thank-you as skipped `thanked-today` (enforced by a unique key when stored).
 * - R6.3 Later steps already past are not caught up: a step whose time has passed when the
 *   purchase becomes known is skipped as `late-purchase`, except the last of them if it fell due
 *   less than the grace ago, which is sent at once. Never more than one step at once; the steps
 *   still ahead are scheduled as usual.
 * - R6.4 The newest purchase leads: purchases are ordered by their own `purchasedAt` (then id),
 *   not by arrival. A newer one restarts the cadence and supersedes the member's pending later
 *   steps; an older one arriving after it keeps only its thank-you (R6.1, R6.2), and its later
 *   steps are superseded as `newer-purchase`, since the newer cadence covers them. (A cadence
 *   whose `onNewPurchase` is `continue` lets both run; coalescing then keeps them apart.)
 * - A repeating step whose first occurrence is skipped as late goes on with its next occurrence
 *   still ahead.
 */
export type FollowUpReason =
  'late-purchase' | 'thanked-today' | 'newer-purchase' | 'erased' | 'opted-out' | 'coalesced';

export interface KnownPurchase {
  purchaseId: string;
  purchasedAt: Date;
}

export interface CadencePolicy {
  timeZone: string;
  /** How long after a later step fell due it may still be sent to a purchase that arrives late. */
  lateGraceMs: number;
  cadence?: CadenceDefinition;
}

export interface DecidedStep extends PlannedFollowUp {
  status: 'pending' | 'skipped' | 'superseded';
  reason: FollowUpReason | null;
  /** The local date an owed thank-you is for: one per member per such day (R6.2). */
  thanksDay: string | null;
}

export interface CadenceDecision {
  /** The purchase is the member's newest (R6.4): it supersedes the pending later steps. */
  leads: boolean;
  /** It leads and the cadence restarts on a newer purchase: the others' later steps end. */
  supersedesOthers: boolean;
  steps: DecidedStep[];
}

export const isNewerPurchase = (a: KnownPurchase, b: KnownPurchase): boolean =>
  a.purchasedAt.getTime() !== b.purchasedAt.getTime()
    ? a.purchasedAt > b.purchasedAt
    : a.purchaseId > b.purchaseId;

const localDay = (at: Date, timeZone: string): string =>
  DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? '';

const decided = (
  step: PlannedFollowUp,
  status: DecidedStep['status'],
  reason: FollowUpReason | null = null,
  thanksDay: string | null = null,
): DecidedStep => ({ ...step, status, reason, thanksDay });

/** R6.1–R6.4: what becomes of each cadence step of `purchase`, known at `now`. */
export function cadenceForPurchase(
  purchase: KnownPurchase,
  newestKnown: KnownPurchase | undefined,
  now: Date,
  policy: CadencePolicy,
): CadenceDecision {
  const cadence = policy.cadence ?? JEWELRY_CADENCE;
  const leads = !newestKnown || isNewerPurchase(purchase, newestKnown);
  const restarts = cadence.onNewPurchase === 'restart';
  const planned = planFollowUps(purchase.purchasedAt, policy.timeZone, cadence);
  const purchaseDay = localDay(purchase.purchasedAt, policy.timeZone);
  const thanksOwed = purchaseDay >= localDay(now, policy.timeZone);
  const lastPastStep = planned
    .filter((s) => s.afterDays > 0 && s.dueAt <= now)
    .reduce<PlannedFollowUp | undefined>(
      (last, s) => (!last || s.dueAt > last.dueAt ? s : last),
      undefined,
    );
  const catchUp =
    lastPastStep && now.getTime() - lastPastStep.dueAt.getTime() <= policy.lateGraceMs
      ? lastPastStep
      : undefined;

  const steps = planned.flatMap((step) => {
    if (step.afterDays === 0) {
      const thanksDay = step.purpose === 'thank-you' ? purchaseDay : null;
      return thanksOwed
        ? decided(step, 'pending', null, thanksDay)
        : decided(step, 'skipped', 'late-purchase');
    }
    if (!leads && restarts) return decided(step, 'superseded', 'newer-purchase');
    if (step.dueAt > now || step === catchUp) return decided(step, 'pending');
    const definition = cadence.steps.find((s) => s.step === step.step);
    const next =
      definition && nextOccurrenceAfter(definition, now, purchase.purchasedAt, policy.timeZone);
    return [decided(step, 'skipped', 'late-purchase'), ...(next ? [decided(next, 'pending')] : [])];
  });
  return { leads, supersedesOthers: leads && restarts, steps };
}
