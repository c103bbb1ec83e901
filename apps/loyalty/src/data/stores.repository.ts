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
};
