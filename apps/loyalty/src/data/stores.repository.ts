import type { Queryable } from '@laoke/platform';

export interface StoreOwner {
  code: string;
  franchiseeId: string | null;
}

/** Projection of store.upserted (R12): which franchisee a store, named by its code, belongs to. */
export const storesRepository = {
  /** A change older than the one kept (a redelivery, events read out of order) is ignored. */
  async upsert(
    db: Queryable,
    store: {
      brandId: string;
      code: string;
      storeId: string;
      franchiseeId: string | null;
      ownership: string;
      updatedAt: Date;
    },
  ): Promise<void> {
    await db.raw(
      `insert into loyalty_stores (brand_id, code, store_id, franchisee_id, ownership, updated_at)
       values (?, ?, ?, ?, ?, ?)
       on conflict (brand_id, code) do update
         set store_id = excluded.store_id, franchisee_id = excluded.franchisee_id,
             ownership = excluded.ownership, updated_at = excluded.updated_at
         where loyalty_stores.updated_at <= excluded.updated_at`,
      [
        store.brandId,
        store.code,
        store.storeId,
        store.franchiseeId,
        store.ownership,
        store.updatedAt,
      ],
    );
  },

  async ofBrand(db: Queryable, brandId: string): Promise<StoreOwner[]> {
    const rows = await db('loyalty_stores')
      .where({ brand_id: brandId })
      .select<{ code: string; franchisee_id: string | null }[]>('code', 'franchisee_id');
    return rows.map((row) => ({ code: row.code, franchiseeId: row.franchisee_id }));
  },

  /**
   * Whether the brand has this store (by its code or id), and whether it has set up any store
   * at all, in one round trip.
   */
  async lookup(
    db: Queryable,
    brandId: string,
    store: string,
  ): Promise<{ known: boolean; brandHasStores: boolean }> {
    const { rows } = await db.raw<{ rows: { known: boolean; any: boolean }[] }>(
      `select exists (select 1 from loyalty_stores
                       where brand_id = ? and (code = ? or store_id = ?)) as known,
              exists (select 1 from loyalty_stores where brand_id = ?) as any`,
      [brandId, store, store, brandId],
    );
    return { known: rows[0]?.known ?? false, brandHasStores: rows[0]?.any ?? false };
  },
};
