import { definitionForStore } from './definition-problems';
import { earnForPurchase, type Earn, type MemberEarnContext } from './earn';
import type { Programme } from './programme-definition';
import { localTime } from './promotion-conditions';

export interface CartLine {
  sku: string;
  category?: string;
  quantity: number;
  unitPriceFen: number;
  onSale?: boolean;
}

export interface QuotedLine {
  sku: string;
  listFen: number;
  tierDiscountFen: number;
  memberDayDiscountFen: number;
  payableFen: number;
}

export interface Quote {
  programmeVersion: number;
  tier: { code: string; name: string; discountBp: number } | null;
  memberDay: boolean;
  listFen: number;
  tierDiscountFen: number;
  memberDayDiscountFen: number;
  payableFen: number;
  lines: QuotedLine[];
  points: Earn;
}

const percentOf = (fen: number, bp: number) => Math.floor((fen * bp) / 10_000);

/**
 * R3/R4 at the counter: the member's tier discount, then the member-day discount on what is
 * left, both on non-sale lines only and rounded down per line (the member never pays a
 * fraction of a fen more than the list says); then the points the payable amounts would earn.
 */
export function quoteCheckout(
  programme: Programme,
  cart: { storeId: string; lines: CartLine[] },
  member: MemberEarnContext,
  at: Date,
): Quote {
  const definition = definitionForStore(programme.definition, cart.storeId);
  const tier = definition.tiers.find((t) => t.code === member.tierCode) ?? null;
  const memberDay =
    definition.memberDay !== undefined &&
    localTime(at, definition.timeZone).day === definition.memberDay.dayOfMonth;
  const lines = cart.lines.map((line): QuotedLine => {
    const listFen = line.unitPriceFen * line.quantity;
    const tierDiscountFen = tier && !line.onSale ? percentOf(listFen, tier.discountBp) : 0;
    const memberDayDiscountFen =
      memberDay && !line.onSale && definition.memberDay
        ? percentOf(listFen - tierDiscountFen, definition.memberDay.discountBp)
        : 0;
    return {
      sku: line.sku,
      listFen,
      tierDiscountFen,
      memberDayDiscountFen,
      payableFen: listFen - tierDiscountFen - memberDayDiscountFen,
    };
  });
  const total = (pick: (l: QuotedLine) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const points = earnForPurchase(
    programme,
    {
      storeId: cart.storeId,
      lines: cart.lines.map((line, i) => ({
        sku: line.sku,
        ...(line.category !== undefined ? { category: line.category } : {}),
        quantity: line.quantity,
        paidFen: lines[i]?.payableFen ?? 0,
        onSale: line.onSale ?? false,
      })),
    },
    member,
    at,
  );
  return {
    programmeVersion: programme.version,
    tier: tier && { code: tier.code, name: tier.name, discountBp: tier.discountBp },
    memberDay,
    listFen: total((l) => l.listFen),
    tierDiscountFen: total((l) => l.tierDiscountFen),
    memberDayDiscountFen: total((l) => l.memberDayDiscountFen),
    payableFen: total((l) => l.payableFen),
    lines,
    points,
  };
}
