import { createEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
  type Transaction,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import type { MembersClient } from '../clients/members.client';
import { lotsRepository as lots } from '../data/lots.repository';
import { pointsRepository as accounts } from '../data/points.repository';
import {
  redemptionsRepository as redemptions,
  type RedeemedItem,
  type Redemption,
} from '../data/redemptions.repository';
import { rewardsRepository as rewards, type Reward } from '../data/rewards.repository';
import { resolveMember } from './member-directory';
import { hold, releaseHeld, spendHeld } from './points-book';

export interface RedemptionDeps {
  db: Database;
  members: MembersClient;
  clock: BrandClock;
  holdMinutes: number;
}

export interface ReserveCommand {
  brandId: string;
  idempotencyKey: string;
  requestId: string;
  input: { memberId: string; rewardId: string; storeId: string; item: RedeemedItem };
}

export interface RedemptionView {
  redemptionId: string;
  memberId: string;
  rewardId: string;
  storeId: string;
  points: number;
  status: Redemption['status'];
  holdUntil: string;
  spendableBalance: number;
}

/** Whether this reward can be redeemed for this item now; the field at fault otherwise. */
function checkReward(reward: Reward | undefined, item: RedeemedItem, now: Date): Reward {
  const refuse = (code: string, message: string, field: string) =>
    new DomainError(code, message, { kind: 'rule', field });
  if (!reward || !reward.active) {
    throw new DomainError('UNKNOWN_REWARD', 'the catalogue has no active reward with this id', {
      kind: 'unknown-reference',
      field: 'rewardId',
    });
  }
  if (now < reward.validFrom || (reward.validUntil && now >= reward.validUntil)) {
    throw refuse('REWARD_NOT_VALID_NOW', 'this reward cannot be redeemed at this time', 'rewardId');
  }
  if (reward.listPriceCapFen !== null && item.listPriceFen > reward.listPriceCapFen) {
    throw refuse(
      'ITEM_ABOVE_PRICE_CAP',
      `this reward covers items up to ${reward.listPriceCapFen} fen list price`,
      'item.listPriceFen',
    );
  }
  if (reward.nonSaleOnly && item.onSale) {
    throw refuse('ITEM_ON_SALE', 'this reward is for items not on sale', 'item.onSale');
  }
  return reward;
}

/**
 * Step one at the counter: holds the reward's points (soonest-expiring lots first) for
 * `holdMinutes`; the POS then confirms or cancels, or the hold times out.
 */
export async function reserveRedemption(
  deps: RedemptionDeps,
  command: ReserveCommand,
): Promise<IdempotentOutcome<RedemptionView>> {
  const { brandId, input } = command;
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('reserve-redemption', input),
    },
    {
      prepare: async () => {
        await resolveMember(deps, brandId, { memberId: input.memberId }, command.requestId);
      },
      work: async (trx) => {
        const now = deps.clock.nowFor(brandId);
        const reward = checkReward(
          await rewards.find(trx, brandId, input.rewardId),
          input.item,
          now,
        );
        const account = await accounts.lock(trx, brandId, input.memberId, now);
        const { draws } = await hold(trx, account, reward.pointsCost, now);
        const stock = await rewards.takeOne(trx, reward.rewardId, input.storeId);
        if (stock === 'out') {
          throw new DomainError('REWARD_OUT_OF_STOCK', 'this store has none of this reward left', {
            kind: 'conflict',
            field: 'storeId',
          });
        }
        const redemption = {
          redemptionId: uuidv7(),
          brandId,
          memberId: input.memberId,
          rewardId: reward.rewardId,
          storeId: input.storeId,
          points: reward.pointsCost,
          item: input.item,
          status: 'reserved' as const,
          reservedAt: now,
          // The hold is a counter timeout, so it runs on the platform's time.
          holdUntil: new Date(deps.clock.now().getTime() + deps.holdMinutes * 60_000),
          stockTaken: stock === 'taken',
        };
        await redemptions.insert(trx, redemption, draws);
        return view(trx, redemption, now);
      },
    },
  );
}

async function view(
  trx: Transaction,
  r: Omit<Redemption, 'settledAt'>,
  now: Date,
): Promise<RedemptionView> {
  return {
    redemptionId: r.redemptionId,
    memberId: r.memberId,
    rewardId: r.rewardId,
    storeId: r.storeId,
    points: r.points,
    status: r.status,
    holdUntil: r.holdUntil.toISOString(),
    spendableBalance: await lots.spendableTotal(trx, r.memberId, now),
  };
}

async function lockReserved(
  trx: Transaction,
  brandId: string,
  redemptionId: string,
  wanted: 'confirmed' | 'cancelled',
): Promise<Redemption | { done: Redemption }> {
  const redemption = await redemptions.lock(trx, brandId, redemptionId);
  if (!redemption) {
    throw new DomainError('REDEMPTION_NOT_FOUND', 'no redemption has this id', {
      kind: 'not-found',
      field: 'redemptionId',
    });
  }
  // Confirming twice (or cancelling twice) is a POS retry: it gets the same answer.
  if (redemption.status === wanted) return { done: redemption };
  if (redemption.status !== 'reserved') {
    throw new DomainError('REDEMPTION_SETTLED', `this redemption is already ${redemption.status}`, {
      kind: 'conflict',
      field: 'redemptionId',
    });
  }
  return redemption;
}

export interface SettleCommand {
  brandId: string;
  redemptionId: string;
  idempotencyKey: string;
  requestId: string;
}

/** A POS write under its Idempotency-Key; settling twice by state also answers the same. */
const settleOnce = (
  deps: RedemptionDeps,
  command: SettleCommand,
  action: 'confirm' | 'cancel',
  work: (trx: Transaction) => Promise<RedemptionView>,
) =>
  runIdempotently(
    deps.db,
    {
      brandId: command.brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf(`${action}-redemption`, { redemptionId: command.redemptionId }),
    },
    { work },
  );

/** Step two: the reward is handed over; the held points leave the balance. */
export async function confirmRedemption(
  deps: RedemptionDeps,
  command: SettleCommand,
): Promise<IdempotentOutcome<RedemptionView>> {
  const { brandId } = command;
  return settleOnce(deps, command, 'confirm', async (trx) => {
    const now = deps.clock.nowFor(brandId);
    const locked = await lockReserved(trx, brandId, command.redemptionId, 'confirmed');
    if ('done' in locked) return view(trx, locked.done, now);
    if (locked.holdUntil <= deps.clock.now()) {
      throw new DomainError('REDEMPTION_HOLD_EXPIRED', 'the hold ran out; reserve again', {
        kind: 'conflict',
        field: 'redemptionId',
      });
    }
    const account = await accounts.lock(trx, brandId, locked.memberId, now);
    const after = await spendHeld(trx, account, locked.points, {
      brandId,
      at: now,
      reason: `redeemed reward ${locked.rewardId} at ${locked.storeId}`,
      redemptionId: locked.redemptionId,
    });
    await redemptions.settle(trx, locked.redemptionId, 'confirmed', now);
    await appendToOutbox(trx, [
      createEvent({
        type: 'points.redeemed',
        brandId,
        storeId: locked.storeId,
        memberId: locked.memberId,
        correlationId: command.requestId,
        occurredAt: now,
        data: {
          memberId: locked.memberId,
          redemptionId: locked.redemptionId,
          rewardId: locked.rewardId,
          storeId: locked.storeId,
          points: locked.points,
          balance: after.balance,
        },
      }),
    ]);
    return view(trx, { ...locked, status: 'confirmed' }, now);
  });
}

export async function cancelRedemption(
  deps: RedemptionDeps,
  command: SettleCommand,
): Promise<IdempotentOutcome<RedemptionView>> {
  const { brandId } = command;
  return settleOnce(deps, command, 'cancel', async (trx) => {
    const now = deps.clock.nowFor(brandId);
    const locked = await lockReserved(trx, brandId, command.redemptionId, 'cancelled');
    if ('done' in locked) return view(trx, locked.done, now);
    await release(trx, locked, 'cancelled', now);
    return view(trx, { ...locked, status: 'cancelled' }, now);
  });
}

/** Puts a reservation's points and stock back. */
async function release(
  trx: Transaction,
  redemption: Redemption,
  status: 'cancelled' | 'expired',
  now: Date,
): Promise<void> {
  const account = await accounts.lock(trx, redemption.brandId, redemption.memberId, now);
  await releaseHeld(trx, account, await redemptions.draws(trx, redemption.redemptionId), now);
  if (redemption.stockTaken)
    await rewards.giveBackOne(trx, redemption.rewardId, redemption.storeId);
  await redemptions.settle(trx, redemption.redemptionId, status, now);
}

/**
 * One tick of the hold timeout: releases reservations whose hold ran out, one per transaction,
 * so the job never holds two members' accounts at once (a counter reserving for one of them
 * could otherwise deadlock with it over a reward's stock).
 */
export async function releaseTimedOutHolds(
  deps: { db: Database; clock: BrandClock },
  batchSize: number,
): Promise<number> {
  let released = 0;
  while (released < batchSize) {
    const one = await deps.db.transaction(async (trx) => {
      const [redemption] = await redemptions.claimTimedOut(trx, deps.clock.now(), 1);
      if (!redemption) return false;
      await release(trx, redemption, 'expired', deps.clock.nowFor(redemption.brandId));
      return true;
    });
    if (!one) break;
    released += 1;
  }
  return released;
}
