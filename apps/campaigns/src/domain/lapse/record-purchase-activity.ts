import { createEvent, type LapseState } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Transaction } from '@laoke/platform';
import { memberActivityRepository as activity } from '../../data/member-activity.repository';
import { winBackRepository as winBack } from '../../data/win-back.repository';
import { isAttributed, lapseStateAt, type LapsePolicy } from './lapse-policy';

export interface LapseDeps {
  clock: BrandClock;
  policy: LapsePolicy;
}

export const lapseChanged = (
  member: { brandId: string; memberId: string; storeId: string; lastPurchaseAt: Date },
  from: LapseState,
  to: LapseState,
  at: Date,
) =>
  createEvent({
    type: 'member.lapse-changed',
    occurredAt: at,
    brandId: member.brandId,
    storeId: member.storeId,
    memberId: member.memberId,
    data: {
      memberId: member.memberId,
      storeId: member.storeId,
      from,
      to,
      lastPurchaseAt: member.lastPurchaseAt.toISOString(),
      changedAt: at.toISOString(),
    },
  });

/**
 * R9: a purchase keeps the member's last-purchase time; a lapsed member who buys is active again,
 * and their open win-back journey ends — converted when the purchase came within the attribution
 * window of its last touch (or, held out, of its start). A late-synced older sale moves nothing back.
 */
export async function recordPurchaseActivity(
  trx: Transaction,
  deps: LapseDeps,
  purchase: { brandId: string; memberId: string; storeId: string; purchasedAt: Date },
): Promise<void> {
  const now = deps.clock.nowFor(purchase.brandId);
  const current = await activity.findForUpdate(trx, purchase.brandId, purchase.memberId);
  const newer = !current || purchase.purchasedAt > current.lastPurchaseAt;
  const lastPurchaseAt = newer ? purchase.purchasedAt : current.lastPurchaseAt;
  const member = {
    brandId: purchase.brandId,
    memberId: purchase.memberId,
    storeId: newer ? purchase.storeId : current.storeId,
    lastPurchaseAt,
  };
  const state = lapseStateAt(lastPurchaseAt, now, deps.policy);
  const changed = current !== undefined && current.lapseState !== state;
  await activity.save(trx, { ...member, lapseState: state }, changed ? now : null);
  if (changed) await appendToOutbox(trx, [lapseChanged(member, current.lapseState, state, now)]);
  if (state !== 'active') return;

  const journey = await winBack.openJourney(trx, purchase.brandId, purchase.memberId);
  if (!journey) return;
  const converted = isAttributed(
    journey.lastTouchAt ?? journey.startedAt,
    purchase.purchasedAt,
    deps.policy,
  );
  await winBack.endJourney(trx, journey.id, { at: now, reason: 'purchase', converted });
}
