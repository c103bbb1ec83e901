/**
 * Franchise settlement (R4, R12): when points earned at one franchisee's store are redeemed at
 * another's, the store that hands over the reward has given goods for points the other issued
 * (and was paid for), so the earning franchisee owes the redeeming one. Flows both ways between
 * two franchisees are netted: one payer, one payee, per pair. `null` is head office (its own
 * stores, and stores the projection does not know yet).
 */

export interface StoreFlow {
  earnedAt: string;
  redeemedAt: string;
  points: number;
}

export interface Settlement {
  payerFranchiseeId: string | null;
  payeeFranchiseeId: string | null;
  /** Earned at the payer's stores, redeemed at the payee's. */
  pointsOwed: number;
  /** Earned at the payee's stores, redeemed at the payer's. */
  pointsOwedBack: number;
  netPoints: number;
  netFen: number;
}

type Party = string | null;

const keyOf = (party: Party) => party ?? '';
const partyOf = (key: string): Party => (key === '' ? null : key);

export function settleBetweenFranchisees(
  flows: StoreFlow[],
  franchiseeOf: (storeCode: string) => Party,
  pointValueFen: number,
): Settlement[] {
  // owed.get("A\u0000B") = points earned at A's stores and redeemed at B's.
  const owed = new Map<string, number>();
  for (const flow of flows) {
    const earner = keyOf(franchiseeOf(flow.earnedAt));
    const redeemer = keyOf(franchiseeOf(flow.redeemedAt));
    if (earner === redeemer) continue;
    const pair = `${earner}\u0000${redeemer}`;
    owed.set(pair, (owed.get(pair) ?? 0) + flow.points);
  }
  const pairs = new Set([...owed.keys()].map((pair) => pair.split('\u0000').sort().join('\u0000')));
  return [...pairs].sort().map((pair) => {
    const [a = '', b = ''] = pair.split('\u0000');
    const aOwesB = owed.get(`${a}\u0000${b}`) ?? 0;
    const bOwesA = owed.get(`${b}\u0000${a}`) ?? 0;
    const [payer, payee, pointsOwed, pointsOwedBack] =
      aOwesB >= bOwesA ? [a, b, aOwesB, bOwesA] : [b, a, bOwesA, aOwesB];
    const netPoints = pointsOwed - pointsOwedBack;
    return {
      payerFranchiseeId: partyOf(payer),
      payeeFranchiseeId: partyOf(payee),
      pointsOwed,
      pointsOwedBack,
      netPoints,
      netFen: netPoints * pointValueFen,
    };
  });
}
