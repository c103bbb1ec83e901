import type { PurchaseLine } from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { earnPointsForPurchase } from './programme/earn-context';
import type { AppliedRule, Earn } from './programme/earn';
import type { Programme } from './programme/programme-definition';

export interface EarnedLine extends PurchaseLine {
  /** Base points plus the line's share of tier and promotion bonus. */
  pointsEarned: number;
  bonusPoints: number;
  bonuses: { rule: string; points: number }[];
}

/**
 * R4, in the purchase's transaction: what a sale earns under the programme in force when it
 * happened (a late offline sync included), each line with its points and bonus share, and the
 * rules that gave points (the base rule listed even when it gave none).
 */
export async function pointsForSale(
  trx: Transaction,
  programme: Programme,
  sale: {
    brandId: string;
    memberId: string;
    storeId: string;
    purchaseId: string;
    purchasedAt: Date;
    lines: PurchaseLine[];
  },
): Promise<{ earn: Earn; lines: EarnedLine[]; rules: AppliedRule[] }> {
  const earn = await earnPointsForPurchase(trx, programme, {
    brandId: sale.brandId,
    memberId: sale.memberId,
    storeId: sale.storeId,
    at: sale.purchasedAt,
    purchaseId: sale.purchaseId,
    lines: sale.lines.map((line) => ({
      sku: line.sku,
      ...(line.category !== undefined && { category: line.category }),
      quantity: line.quantity,
      paidFen: line.unitPriceFen * line.quantity,
      onSale: line.onSale ?? false,
    })),
  });
  const lines = sale.lines.map((line, index) => {
    const earned = earn.lines[index];
    return {
      ...line,
      pointsEarned: (earned?.basePoints ?? 0) + (earned?.bonusPoints ?? 0),
      bonusPoints: earned?.bonusPoints ?? 0,
      bonuses: earned?.bonuses ?? [],
    };
  });
  const rules = earn.rules.filter((r) => r.rule === 'base' || r.points > 0);
  return { earn, lines, rules };
}
