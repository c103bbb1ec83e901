import type { Queryable, Transaction } from '@laoke/platform';
import { promotionCountersRepository as counters } from '../../data/promotion-counters.repository';
import { tiersRepository as tiers } from '../../data/tiers.repository';
import { earnForPurchase, type Earn, type EarnLine, type MemberEarnContext } from './earn';
import { projectedFacts } from './programme-member';
import type { Programme } from './programme-definition';
import { localTime } from './promotion-conditions';
import { entryTier } from './tier-rules';

interface EarnKey {
  brandId: string;
  memberId: string;
  storeId: string;
  at: Date;
}

/** Promotions with limits, and those of them with a global budget. */
function limitedPromotions({ definition }: Programme) {
  const limited = definition.promotions.filter((p) => p.limits);
  return {
    promotionIds: limited.map((p) => p.id),
    budgetedIds: limited.filter((p) => p.limits?.budget !== undefined).map((p) => p.id),
  };
}

/** What the earn rules need to know about the member, read without writing (the quote). */
export async function readEarnContext(
  db: Queryable,
  programme: Programme,
  key: EarnKey & { birthday: string | null },
): Promise<MemberEarnContext> {
  const definition = programme.definition;
  const localDay = localTime(key.at, definition.timeZone).toISODate() ?? '';
  const held = await tiers.find(db, key.brandId, key.memberId);
  const ranked = definition.promotions.some((p) => p.conditions.firstPayingMembers);
  return {
    tierCode: held ? held.tierCode : (entryTier(definition.tiers)?.code ?? null),
    birthday: key.birthday,
    storeDayRank: ranked ? await counters.storeDayRank(db, { ...key, localDay }) : null,
    usage: await counters.usage(db, { ...key, localDay, ...limitedPromotions(programme) }),
  };
}

/**
 * R4 for the purchase path (the ledger wires this in): in the purchase's transaction, under
 * the programme in force when the sale happened (the caller reads it once per sale), it takes the member's place among the store's
 * payers of the day, locks the limited promotions, computes the earn and records the
 * promotional points given, so limits and budgets hold under concurrent purchases.
 */
export async function earnPointsForPurchase(
  trx: Transaction,
  programme: Programme,
  purchase: EarnKey & { purchaseId: string; lines: EarnLine[] },
): Promise<Earn> {
  const definition = programme.definition;
  if (definition.promotions.length === 0 && definition.tiers.length === 0)
    return earnForPurchase(
      programme,
      purchase,
      { tierCode: null, birthday: null, storeDayRank: null, usage: {} },
      purchase.at,
    );
  const localDay = localTime(purchase.at, definition.timeZone).toISODate() ?? '';
  if (definition.promotions.some((p) => p.conditions.firstPayingMembers))
    await counters.claimStoreDayRank(trx, { ...purchase, localDay });
  const limited = limitedPromotions(programme);
  if (limited.promotionIds.length > 0) await counters.lockLimits(trx, { ...purchase, ...limited });
  const facts = await projectedFacts(trx, purchase.brandId, purchase.memberId, purchase.at);
  const context = await readEarnContext(trx, programme, { ...purchase, birthday: facts.birthday });
  const earn = earnForPurchase(programme, purchase, context, purchase.at);
  await counters.recordAwards(trx, {
    brandId: purchase.brandId,
    memberId: purchase.memberId,
    purchaseId: purchase.purchaseId,
    localDay,
    points: earn.rules
      .filter((r) => r.rule.startsWith('promotion:'))
      .map((r) => ({ promotionId: r.rule.slice('promotion:'.length), points: r.points })),
    budgetedIds: limited.budgetedIds,
  });
  return earn;
}
