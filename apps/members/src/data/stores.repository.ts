import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import type { Store } from '../domain/organisation/organisation';

interface StoreRow {
  id: string;
  brand_id: string;
  code: string;
  name: string;
  ownership: Store['ownership'];
  franchisee_id: string | null;
  region_id: string | null;
  address: string | null;
  time_zone: string | null;
  status: Store['status'];
  created_at: Date;
  updated_at: Date;
}

const toStore = (row: StoreRow): Store => ({
  id: row.id,
  brandId: row.brand_id,
  code: row.code,
  name: row.name,
  ownership: row.ownership,
  franchiseeId: row.franchisee_id,
  regionId: row.region_id,
  address: row.address,
  timeZone: row.time_zone,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface StoreFilter {
  regionId?: string;
  franchiseeId?: string;
  status?: Store['status'];
}

export const storesRepository = {
  async find(db: Queryable, brandId: string, id: string): Promise<Store | undefined> {
    const row = await db<StoreRow>('stores').where({ brand_id: brandId, id }).first();
    return row && toStore(row);
  },

  async findByCode(db: Queryable, brandId: string, code: string): Promise<Store | undefined> {
    const row = await db<StoreRow>('stores').where({ brand_id: brandId, code }).first();
    return row && toStore(row);
  },

  async save(db: Queryable, store: Store): Promise<void> {
    await db('stores')
      .insert({
        id: store.id,
        brand_id: store.brandId,
        code: store.code,
        name: store.name,
        ownership: store.ownership,
        franchisee_id: store.franchiseeId,
        region_id: store.regionId,
        address: store.address,
        time_zone: store.timeZone,
        status: store.status,
        created_at: store.createdAt,
        updated_at: store.updatedAt,
      })
      .onConflict('id')
      .merge([
        'code',
        'name',
        'ownership',
        'franchisee_id',
        'region_id',
        'address',
        'time_zone',
        'status',
        'updated_at',
      ]);
  },

  async list(
    db: Queryable,
    brandId: string,
    filter: StoreFilter,
    page: PageRequest,
  ): Promise<Store[]> {
    const query = db<StoreRow>('stores').where({ brand_id: brandId });
    if (filter.regionId) query.andWhere('region_id', filter.regionId);
    if (filter.franchiseeId) query.andWhere('franchisee_id', filter.franchiseeId);
    if (filter.status) query.andWhere('status', filter.status);
    return (await keysetPage(query, 'created_at', 'asc', page)).map(toStore);
  },
};
