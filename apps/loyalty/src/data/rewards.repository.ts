import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';

export interface Reward {
  rewardId: string;
  name: string;
  pointsCost: number;
  listPriceCapFen: number | null;
  nonSaleOnly: boolean;
  validFrom: Date;
  validUntil: Date | null;
  active: boolean;
  stock: { storeId: string; remaining: number }[];
  createdAt: Date;
}

interface RewardRow {
  id: string;
  brand_id: string;
  name: string;
  points_cost: number;
  list_price_cap_fen: string | null;
  non_sale_only: boolean;
  valid_from: Date;
  valid_until: Date | null;
  active: boolean;
  created_at: Date;
}

const toReward = (row: RewardRow, stock: Reward['stock']): Reward => ({
  rewardId: row.id,
  name: row.name,
  pointsCost: row.points_cost,
  listPriceCapFen: row.list_price_cap_fen === null ? null : Number(row.list_price_cap_fen),
  nonSaleOnly: row.non_sale_only,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  active: row.active,
  stock,
  createdAt: row.created_at,
});

async function stockOf(db: Queryable, rewardIds: string[]) {
  const rows = await db<{ reward_id: string; store_id: string; remaining: number }>('reward_stock')
    .whereIn('reward_id', rewardIds)
    .orderBy('store_id');
  return (rewardId: string) =>
    rows
      .filter((row) => row.reward_id === rewardId)
      .map((row) => ({ storeId: row.store_id, remaining: row.remaining }));
}

export type RewardFields = Omit<Reward, 'rewardId' | 'stock' | 'createdAt'>;

/** The brand's catalogue of rewards members can redeem points for (R4). */
export const rewardsRepository = {
  async insert(
    db: Queryable,
    brandId: string,
    reward: RewardFields & { rewardId: string; createdAt: Date },
  ): Promise<void> {
    await db('rewards').insert({
      id: reward.rewardId,
      brand_id: brandId,
      name: reward.name,
      points_cost: reward.pointsCost,
      list_price_cap_fen: reward.listPriceCapFen,
      non_sale_only: reward.nonSaleOnly,
      valid_from: reward.validFrom,
      valid_until: reward.validUntil,
      active: reward.active,
      created_at: reward.createdAt,
    });
  },

  async update(db: Queryable, brandId: string, rewardId: string, fields: Partial<RewardFields>) {
    const changes = {
      ...(fields.name !== undefined && { name: fields.name }),
      ...(fields.pointsCost !== undefined && { points_cost: fields.pointsCost }),
      ...(fields.listPriceCapFen !== undefined && { list_price_cap_fen: fields.listPriceCapFen }),
      ...(fields.nonSaleOnly !== undefined && { non_sale_only: fields.nonSaleOnly }),
      ...(fields.validFrom !== undefined && { valid_from: fields.validFrom }),
      ...(fields.validUntil !== undefined && { valid_until: fields.validUntil }),
      ...(fields.active !== undefined && { active: fields.active }),
    };
    if (Object.keys(changes).length === 0) return;
    await db('rewards').where({ id: rewardId, brand_id: brandId }).update(changes);
  },

  /** Replaces the stock of the stores named; other stores keep theirs. */
  async setStock(db: Queryable, rewardId: string, stock: { storeId: string; quantity: number }[]) {
    if (stock.length === 0) return;
    await db('reward_stock')
      .insert(
        stock.map((s) => ({ reward_id: rewardId, store_id: s.storeId, remaining: s.quantity })),
      )
      .onConflict(['reward_id', 'store_id'])
      .merge(['remaining']);
  },

  async find(db: Queryable, brandId: string, rewardId: string): Promise<Reward | undefined> {
    const row = await db<RewardRow>('rewards').where({ id: rewardId, brand_id: brandId }).first();
    return row && toReward(row, (await stockOf(db, [row.id]))(row.id));
  },

  async list(db: Queryable, brandId: string, page: PageRequest): Promise<Reward[]> {
    const rows = await keysetPage(
      db<RewardRow>('rewards').where({ brand_id: brandId }),
      'created_at',
      'desc',
      page,
    );
    const stock = await stockOf(
      db,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toReward(row, stock(row.id)));
  },

  /**
   * Takes one item from the store's stock. A reward with no stock rows is unlimited; one with
   * stock rows is only available at the stores listed, while they have some.
   */
  async takeOne(
    db: Queryable,
    rewardId: string,
    storeId: string,
  ): Promise<'taken' | 'unlimited' | 'out'> {
    const taken = await db('reward_stock')
      .where({ reward_id: rewardId, store_id: storeId })
      .andWhere('remaining', '>', 0)
      .decrement('remaining', 1)
      .returning('store_id');
    if (taken.length > 0) return 'taken';
    const anyStock = await db('reward_stock')
      .where({ reward_id: rewardId })
      .first<{ store_id: string } | undefined>('store_id');
    return anyStock ? 'out' : 'unlimited';
  },

  async giveBackOne(db: Queryable, rewardId: string, storeId: string): Promise<void> {
    await db('reward_stock')
      .where({ reward_id: rewardId, store_id: storeId })
      .increment('remaining', 1);
  },
};
