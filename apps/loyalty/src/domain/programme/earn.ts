import { allocate } from './allocation';
import { definitionForStore } from './definition-problems';
import type { Programme, PromotionDefinition } from './programme-definition';
import { localTime, whyPromotionDoesNotApply } from './promotion-conditions';

export interface EarnLine {
  sku: string;
  category?: string;
  quantity: number;
  /** What the member paid for the line, after every discount, in fen. */
  paidFen: number;
  onSale?: boolean;
}

export interface PurchaseForEarn {
  storeId: string;
  lines: EarnLine[];
}

/** Promotional points a promotion already gave, read before the purchase (abuse limits). */
export interface PromotionUsage {
  memberToday: number;
  memberThisMonth: number;
  budgetUsed: number;
}

export interface MemberEarnContext {
  tierCode: string | null;
  birthday: string | null;
  storeDayRank: number | null;
  usage: Record<string, PromotionUsage | undefined>;
}

export interface AppliedRule {
  /** `base`, `tier:<code>` or `promotion:<id>`. */
  rule: string;
  points: number;
  explanation: string;
}

export interface LineEarn {
  sku: string;
  basePoints: number;
  bonusPoints: number;
  bonuses: { rule: string; points: number }[];
}

export interface Earn {
  programmeVersion: number;
  basePoints: number;
  bonusPoints: number;
  totalPoints: number;
  lines: LineEarn[];
  rules: AppliedRule[];
  notApplied: { rule: string; reason: string }[];
}

interface Candidate {
  promotion: PromotionDefinition;
  perLine: number[];
  total: number;
  capped: string | undefined;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * R4, the points a purchase earns under a programme, line by line, with the rules that gave
 * them. Base points: the receipt's paid total divided by the rate, rounded down once per
 * receipt, then split over the lines by paid amount (largest remainder), so 12,345.67 yuan
 * earns 1,234 points however many lines it has and a return can take back each line's share.
 * Tier multiplier and promotions add bonus points per line, each rounded down per line.
 * Pure: the caller reads tier, birthday, store-day rank and promotion usage beforehand.
 */
export function earnForPurchase(
  programme: Programme,
  purchase: PurchaseForEarn,
  member: MemberEarnContext,
  at: Date,
): Earn {
  const definition = definitionForStore(programme.definition, purchase.storeId);
  const rate = definition.earn.fenPerPoint;
  const paid = purchase.lines.map((l) => l.paidFen);
  const basePoints = Math.floor(sum(paid) / rate);
  const base = allocate(basePoints, paid);
  const lines: LineEarn[] = purchase.lines.map((line, i) => ({
    sku: line.sku,
    basePoints: base[i] ?? 0,
    bonusPoints: 0,
    bonuses: [],
  }));
  const rules: AppliedRule[] = [
    {
      rule: 'base',
      points: basePoints,
      explanation: `1 point per ${yuan(rate)} yuan paid, rounded down per receipt (${yuan(sum(paid))} yuan)`,
    },
  ];
  const addBonus = (rule: string, perLine: number[], explanation: string) => {
    const points = sum(perLine);
    if (points === 0) return;
    perLine.forEach((p, i) => {
      const line = lines[i];
      if (!line || p === 0) return;
      line.bonusPoints += p;
      line.bonuses.push({ rule, points: p });
    });
    rules.push({ rule, points, explanation });
  };

  const tier = definition.tiers.find((t) => t.code === member.tierCode);
  if (tier && tier.pointsMultiplierBp > 10_000) {
    const perLine = base.map((b) => Math.floor((b * (tier.pointsMultiplierBp - 10_000)) / 10_000));
    addBonus(
      `tier:${tier.code}`,
      perLine,
      `${tier.name}: ${tier.pointsMultiplierBp / 10_000}x base points`,
    );
  }

  const context = {
    local: localTime(at, definition.timeZone),
    storeId: purchase.storeId,
    tierCode: member.tierCode,
    birthday: member.birthday,
    storeDayRank: member.storeDayRank,
  };
  const notApplied: Earn['notApplied'] = [];
  const candidates: Candidate[] = [];
  for (const promotion of definition.promotions) {
    const rule = `promotion:${promotion.id}`;
    const reason = whyPromotionDoesNotApply(definition, promotion, context);
    if (reason) {
      notApplied.push({ rule, reason });
      continue;
    }
    const candidate = promotionBonus(promotion, purchase, base, member.usage[promotion.id]);
    if (candidate.total === 0)
      notApplied.push({ rule, reason: candidate.capped ?? 'no eligible line' });
    else candidates.push(candidate);
  }
  for (const chosen of chooseByStacking(definition.stacking, candidates, notApplied)) {
    const { promotion, perLine, total, capped } = chosen;
    addBonus(
      `promotion:${promotion.id}`,
      perLine,
      `${promotion.name}: ${effectText(promotion)}${capped ? `, ${capped}` : ''} (+${total})`,
    );
  }

  const bonusPoints = sum(lines.map((l) => l.bonusPoints));
  return {
    programmeVersion: programme.version,
    basePoints,
    bonusPoints,
    totalPoints: basePoints + bonusPoints,
    lines,
    rules,
    notApplied,
  };
}

const effectText = (promotion: PromotionDefinition) => {
  const effect = promotion.effect;
  if (effect.kind === 'multiplier') return `${effect.factorBp / 10_000}x base points`;
  if (effect.kind === 'bonus') return `${effect.points} bonus points`;
  return `${effect.pointsPerItem} points per item`;
};

/** The promotion's bonus on its eligible lines, cut to what its limits still allow. */
function promotionBonus(
  promotion: PromotionDefinition,
  purchase: PurchaseForEarn,
  base: number[],
  usage: PromotionUsage | undefined,
): Candidate {
  const { conditions: c, effect } = promotion;
  const eligible = purchase.lines.map(
    (line) =>
      (c.includeOnSale === true || !line.onSale) &&
      (!c.categories || (line.category !== undefined && c.categories.includes(line.category))),
  );
  let perLine: number[];
  if (effect.kind === 'multiplier')
    perLine = base.map((b, i) =>
      eligible[i] ? Math.floor((b * (effect.factorBp - 10_000)) / 10_000) : 0,
    );
  else if (effect.kind === 'fixed')
    perLine = purchase.lines.map((l, i) => (eligible[i] ? effect.pointsPerItem * l.quantity : 0));
  else {
    const weights = purchase.lines.map((l, i) => (eligible[i] ? Math.max(l.paidFen, 1) : 0));
    perLine = allocate(effect.points, weights);
  }
  const raw = sum(perLine);
  const room = remainingRoom(promotion, usage);
  if (room >= raw) return { promotion, perLine, total: raw, capped: undefined };
  const total = Math.max(room, 0);
  return {
    promotion,
    perLine: allocate(total, perLine),
    total,
    capped: total === 0 ? 'limit reached' : `cut to ${total} by its limit`,
  };
}

function remainingRoom(promotion: PromotionDefinition, usage: PromotionUsage | undefined): number {
  const used = usage ?? { memberToday: 0, memberThisMonth: 0, budgetUsed: 0 };
  const limits = promotion.limits ?? {};
  return Math.min(
    limits.perMemberPerDay !== undefined ? limits.perMemberPerDay - used.memberToday : Infinity,
    limits.perMemberPerMonth !== undefined
      ? limits.perMemberPerMonth - used.memberThisMonth
      : Infinity,
    limits.budget !== undefined ? limits.budget - used.budgetUsed : Infinity,
  );
}

/**
 * Stacking policy: `combine` adds every stackable promotion, and a non-stackable one wins
 * alone only when it gives more than all stackable ones together; `best-only` keeps the one
 * promotion giving most. Ties go to the promotion listed first.
 */
function chooseByStacking(
  policy: 'combine' | 'best-only',
  candidates: Candidate[],
  notApplied: Earn['notApplied'],
): Candidate[] {
  const options: Candidate[][] =
    policy === 'best-only'
      ? candidates.map((c) => [c])
      : [
          candidates.filter((c) => c.promotion.stackable),
          ...candidates.filter((c) => !c.promotion.stackable).map((c) => [c]),
        ];
  let best: Candidate[] = [];
  for (const option of options) {
    if (sum(option.map((c) => c.total)) > sum(best.map((c) => c.total))) best = option;
  }
  for (const c of candidates) {
    if (!best.includes(c))
      notApplied.push({
        rule: `promotion:${c.promotion.id}`,
        reason: `outranked under the ${policy} stacking policy`,
      });
  }
  return best;
}
