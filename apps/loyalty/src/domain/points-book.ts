import { DomainError, type Transaction } from '@laoke/platform';
import { lotsRepository as lots, type Lot } from '../data/lots.repository';
import { pointsRepository as accounts, type PointsAccount } from '../data/points.repository';
import { lotDates, type PointsPolicy } from './points-policy';

/**
 * The rules of a member's points (R4), on an account already locked by the caller
 * (`pointsRepository.lock`). Invariant: balance = points left in lots + held - debt.
 * - Credits pay off debt first; the rest becomes a lot expiring at the end of the next year.
 * - Spending draws spendable lots, soonest-expiring first.
 * - Every change of a lot is also recorded as a movement with its kind and time (reports as of a
 *   past date).
 * - Taking points back (return, negative adjustment) empties the purchase's own lot first, then
 *   the soonest-expiring ones; what was already spent becomes debt: the balance goes negative.
 */

interface Change {
  brandId: string;
  at: Date;
  reason: string;
  purchaseId?: string;
  returnId?: string;
  redemptionId?: string;
  adjustmentId?: string;
  /** For points a programme gave: the rules that gave them and the programme version. */
  rules?: { rule: string; points: number; explanation?: string }[];
  programmeVersion?: number;
}

export interface LotDraw {
  lotId: string;
  points: number;
}

export async function credit(
  trx: Transaction,
  account: PointsAccount,
  points: number,
  change: Change & { kind: 'earn' | 'adjust'; policy: PointsPolicy; creditedAt?: Date },
): Promise<PointsAccount> {
  const paysDebt = Math.min(account.debt, points);
  const toLot = points - paysDebt;
  if (toLot > 0) {
    await lots.insert(trx, {
      memberId: account.memberId,
      brandId: change.brandId,
      ...(change.purchaseId && { purchaseId: change.purchaseId }),
      points: toLot,
      ...lotDates(change.policy, change.creditedAt ?? change.at),
      at: change.at,
      kind: change.kind,
    });
  }
  const next = {
    ...account,
    balance: account.balance + points,
    debt: account.debt - paysDebt,
    lifetimeEarned: account.lifetimeEarned + (change.kind === 'earn' ? points : 0),
  };
  await record(trx, next, points, change);
  return next;
}

export async function takeBack(
  trx: Transaction,
  account: PointsAccount,
  points: number,
  change: Change & { kind: 'reverse' | 'adjust' },
): Promise<PointsAccount> {
  let missing = points;
  for (const lot of await lots.holdingPoints(trx, account.memberId, change.purchaseId)) {
    if (missing === 0) break;
    const taken = Math.min(lot.remaining, missing);
    await lots.take(trx, lot.id, taken, { kind: change.kind, at: change.at });
    missing -= taken;
  }
  const next = {
    ...account,
    balance: account.balance - points,
    debt: account.debt + missing,
    // Returned purchases were never really earned.
    lifetimeEarned: account.lifetimeEarned - (change.kind === 'reverse' ? points : 0),
  };
  await record(trx, next, -points, change);
  return next;
}

/** Holds spendable points for a redemption; 409 when there are not enough. */
export async function hold(
  trx: Transaction,
  account: PointsAccount,
  points: number,
  now: Date,
): Promise<{ account: PointsAccount; draws: LotDraw[] }> {
  const spendable = await lots.spendable(trx, account.memberId, now);
  const available = spendable.reduce((sum, lot) => sum + lot.remaining, 0);
  if (available < points) {
    throw new DomainError(
      'INSUFFICIENT_POINTS',
      `the member can spend ${available} points; ${points} are needed`,
      { kind: 'conflict', field: 'rewardId' },
    );
  }
  const draws = drawSoonestExpiring(spendable, points);
  for (const draw of draws) {
    await lots.take(trx, draw.lotId, draw.points, { kind: 'spend', at: now });
  }
  const next = { ...account, held: account.held + points };
  await accounts.save(trx, next, now);
  return { account: next, draws };
}

/** A confirmed redemption: the held points leave the balance. */
export async function spendHeld(
  trx: Transaction,
  account: PointsAccount,
  points: number,
  change: Change,
): Promise<PointsAccount> {
  const next = { ...account, held: account.held - points, balance: account.balance - points };
  await record(trx, next, -points, { ...change, kind: 'redeem' });
  return next;
}

/** A cancelled or timed-out redemption: the points go back to the lots they came from. */
export async function releaseHeld(
  trx: Transaction,
  account: PointsAccount,
  draws: LotDraw[],
  at: Date,
): Promise<PointsAccount> {
  for (const draw of draws) await lots.giveBack(trx, draw.lotId, draw.points, at);
  const points = draws.reduce((sum, draw) => sum + draw.points, 0);
  const next = { ...account, held: account.held - points };
  await accounts.save(trx, next, at);
  return next;
}

/** Empties the lots due at `now`; the points expired and the latest expiry among them. */
export async function expireDue(
  trx: Transaction,
  account: PointsAccount,
  brandId: string,
  now: Date,
): Promise<{ account: PointsAccount; points: number; expiredAt: Date } | undefined> {
  const due = await lots.due(trx, account.memberId, now);
  if (due.length === 0) return undefined;
  const points = due.reduce((sum, lot) => sum + lot.remaining, 0);
  for (const lot of due) {
    await lots.take(trx, lot.id, lot.remaining, { kind: 'expire', at: lot.expiresAt });
  }
  const expiredAt = new Date(Math.max(...due.map((lot) => lot.expiresAt.getTime())));
  const next = { ...account, balance: account.balance - points };
  await record(trx, next, -points, {
    brandId,
    at: now,
    kind: 'expire',
    reason: `expired: points credited before ${expiredAt.toISOString()}`,
  });
  return { account: next, points, expiredAt };
}

function drawSoonestExpiring(spendable: Lot[], points: number): LotDraw[] {
  const draws: LotDraw[] = [];
  let missing = points;
  for (const lot of spendable) {
    if (missing === 0) break;
    const taken = Math.min(lot.remaining, missing);
    draws.push({ lotId: lot.id, points: taken });
    missing -= taken;
  }
  return draws;
}

async function record(
  trx: Transaction,
  account: PointsAccount,
  delta: number,
  change: Change & { kind: 'earn' | 'adjust' | 'reverse' | 'redeem' | 'expire' },
): Promise<void> {
  await accounts.save(trx, account, change.at);
  await accounts.append(trx, {
    memberId: account.memberId,
    brandId: change.brandId,
    kind: change.kind,
    delta,
    balanceAfter: account.balance,
    reason: change.reason,
    ...(change.purchaseId && { purchaseId: change.purchaseId }),
    ...(change.returnId && { returnId: change.returnId }),
    ...(change.redemptionId && { redemptionId: change.redemptionId }),
    ...(change.adjustmentId && { adjustmentId: change.adjustmentId }),
    ...(change.rules && { rules: change.rules }),
    ...(change.programmeVersion !== undefined && { programmeVersion: change.programmeVersion }),
    at: change.at,
  });
}
