import { DomainError, type BrandClock, type Database, type PageRequest } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  rewardsRepository as rewards,
  type Reward,
  type RewardFields,
} from '../data/rewards.repository';

export interface RewardsDeps {
  db: Database;
  clock: BrandClock;
}

export interface RewardInput {
  name: string;
  pointsCost: number;
  listPriceCapFen?: number | null;
  nonSaleOnly?: boolean;
  validFrom?: string;
  validUntil?: string | null;
  active?: boolean;
  stock?: { storeId: string; quantity: number }[];
}

const notFound = () =>
  new DomainError('REWARD_NOT_FOUND', 'no reward has this id', {
    kind: 'not-found',
    field: 'rewardId',
  });

function checkValidity(validFrom: Date, validUntil: Date | null) {
  if (validUntil && validUntil <= validFrom) {
    throw new DomainError('INVALID_VALIDITY', 'validUntil must be after validFrom', {
      kind: 'invalid',
      field: 'validUntil',
    });
  }
}

/** Head office adds a reward to the brand's catalogue, e.g. 1,000 points for a non-sale item up to 200 yuan. */
export async function createReward(
  deps: RewardsDeps,
  brandId: string,
  input: RewardInput,
): Promise<Reward> {
  const now = deps.clock.nowFor(brandId);
  const fields: RewardFields = {
    name: input.name,
    pointsCost: input.pointsCost,
    listPriceCapFen: input.listPriceCapFen ?? null,
    nonSaleOnly: input.nonSaleOnly ?? false,
    validFrom: input.validFrom ? new Date(input.validFrom) : now,
    validUntil: input.validUntil ? new Date(input.validUntil) : null,
    active: input.active ?? true,
  };
  checkValidity(fields.validFrom, fields.validUntil);
  const rewardId = uuidv7();
  await deps.db.transaction(async (trx) => {
    await rewards.insert(trx, brandId, { ...fields, rewardId, createdAt: now });
    await rewards.setStock(trx, rewardId, input.stock ?? []);
  });
  return (await rewards.find(deps.db, brandId, rewardId)) as Reward;
}

export async function updateReward(
  deps: RewardsDeps,
  brandId: string,
  rewardId: string,
  input: Partial<RewardInput>,
): Promise<Reward> {
  return deps.db.transaction(async (trx) => {
    const current = await rewards.find(trx, brandId, rewardId);
    if (!current) throw notFound();
    const validFrom = input.validFrom ? new Date(input.validFrom) : current.validFrom;
    const validUntil =
      input.validUntil === undefined
        ? current.validUntil
        : input.validUntil
          ? new Date(input.validUntil)
          : null;
    checkValidity(validFrom, validUntil);
    await rewards.update(trx, brandId, rewardId, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.pointsCost !== undefined && { pointsCost: input.pointsCost }),
      ...(input.listPriceCapFen !== undefined && { listPriceCapFen: input.listPriceCapFen }),
      ...(input.nonSaleOnly !== undefined && { nonSaleOnly: input.nonSaleOnly }),
      ...(input.active !== undefined && { active: input.active }),
      validFrom,
      validUntil,
    });
    await rewards.setStock(trx, rewardId, input.stock ?? []);
    const updated = await rewards.find(trx, brandId, rewardId);
    if (!updated) throw notFound();
    return updated;
  });
}

export async function getReward(deps: RewardsDeps, brandId: string, rewardId: string) {
  const reward = await rewards.find(deps.db, brandId, rewardId);
  if (!reward) throw notFound();
  return reward;
}

export const listRewards = (deps: RewardsDeps, brandId: string, page: PageRequest) =>
  rewards.list(deps.db, brandId, page);
