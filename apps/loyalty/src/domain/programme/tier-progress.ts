import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type Transaction } from '@laoke/platform';
import { DateTime } from 'luxon';
import { tiersRepository as tiers } from '../../data/tiers.repository';
import { projectedFacts } from './programme-member';
import type { Programme, ProgrammeDefinition } from './programme-definition';
import { entryTier, periodEnd, tierRank, tierReachedBy, upgradeWindowStart } from './tier-rules';

export interface PurchaseForTier {
  brandId: string;
  memberId: string;
  storeId: string;
  purchaseId: string;
  amountFen: number;
  purchasedAt: Date;
  /** The brand's now, when the purchase is recorded. */
  now: Date;
  correlationId: string;
}

export const metricOf = (
  definition: ProgrammeDefinition,
  progress: { spendFen: number; purchases: number },
) => (definition.qualification.metric === 'spend' ? progress.spendFen : progress.purchases);

export const reviewAtFor = (definition: ProgrammeDefinition, end: Date) =>
  DateTime.fromJSDate(end, { zone: definition.timeZone })
    .plus({ days: definition.qualification.downgradeGraceDays })
    .toJSDate();

/**
 * R3, in the purchase's transaction: the purchase counts towards the member's tier, and a
 * member whose spend (or purchase count) in the window now reaches a higher tier goes up at
 * once, holds it until the end of the period and is reviewed then (tier.changed, once).
 */
export const tierProgress = {
  async afterPurchase(
    trx: Transaction,
    programme: Programme,
    purchase: PurchaseForTier,
  ): Promise<void> {
    const { brandId, memberId } = purchase;
    await tiers.addProgress(trx, {
      brandId,
      memberId,
      purchaseId: purchase.purchaseId,
      amountFen: purchase.amountFen,
      purchases: 1,
      occurredAt: purchase.purchasedAt,
    });
    const definition = programme.definition;
    if (definition.tiers.length === 0) return;

    const held = await tiers.findForUpdate(trx, brandId, memberId);
    const heldCode = held ? held.tierCode : (entryTier(definition.tiers)?.code ?? null);
    const facts = await projectedFacts(trx, brandId, memberId, purchase.purchasedAt);
    const { window } = definition.qualification;
    const from = upgradeWindowStart(
      window,
      purchase.purchasedAt,
      facts.registeredAt,
      definition.timeZone,
    );
    const to = new Date(Math.max(purchase.purchasedAt.getTime(), purchase.now.getTime()) + 1);
    const progress = metricOf(definition, await tiers.progress(trx, brandId, memberId, from, to));
    const reached = tierReachedBy(definition.tiers, progress);
    if (
      !reached ||
      tierRank(definition.tiers, reached.code) <= tierRank(definition.tiers, heldCode)
    )
      return;

    const end = periodEnd(window, purchase.purchasedAt, facts.registeredAt, definition.timeZone);
    const reviewAt = reviewAtFor(definition, end);
    await tiers.save(
      trx,
      { memberId, brandId, tierCode: reached.code, since: purchase.now, periodEnd: end, reviewAt },
      purchase.now,
    );
    await appendToOutbox(trx, [
      createEvent({
        type: 'tier.changed',
        brandId,
        storeId: purchase.storeId,
        memberId,
        correlationId: purchase.correlationId,
        occurredAt: purchase.now,
        data: {
          memberId,
          fromTier: heldCode,
          toTier: reached.code,
          direction: 'up' as const,
          reason: 'purchase' as const,
          progress,
          programmeVersion: programme.version,
          reviewAt: reviewAt.toISOString(),
          purchaseId: purchase.purchaseId,
          changedAt: purchase.now.toISOString(),
        },
      }),
    ]);
  },

  /**
   * A returned purchase (or part of it) stops counting towards the tier. The tier itself is
   * not taken back at once: the period review decides on what is left.
   */
  async afterReturn(
    trx: Transaction,
    change: {
      brandId: string;
      memberId: string;
      purchaseId: string;
      refundedFen: number;
      wholePurchase: boolean;
      at: Date;
    },
  ): Promise<void> {
    await tiers.addProgress(trx, {
      brandId: change.brandId,
      memberId: change.memberId,
      purchaseId: change.purchaseId,
      amountFen: -change.refundedFen,
      purchases: change.wholePurchase ? -1 : 0,
      occurredAt: change.at,
    });
  },
};
