import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import type { OrgUnit } from '../domain/organisation/organisation';

/** Regions and franchisees have the same shape: a name, unique within the brand. */
export type OrgUnitTable = 'regions' | 'franchisees';

interface OrgUnitRow {
  id: string;
  brand_id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

const toUnit = (row: OrgUnitRow): OrgUnit => ({
  id: row.id,
  brandId: row.brand_id,
  name: row.name,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const orgUnitsRepository = (table: OrgUnitTable) => ({
  async find(db: Queryable, brandId: string, id: string): Promise<OrgUnit | undefined> {
    const row = await db<OrgUnitRow>(table).where({ brand_id: brandId, id }).first();
    return row && toUnit(row);
  },

  async findByName(db: Queryable, brandId: string, name: string): Promise<OrgUnit | undefined> {
    const row = await db<OrgUnitRow>(table).where({ brand_id: brandId, name }).first();
    return row && toUnit(row);
  },

  async save(db: Queryable, unit: OrgUnit): Promise<void> {
    await db(table)
      .insert({
        id: unit.id,
        brand_id: unit.brandId,
        name: unit.name,
        created_at: unit.createdAt,
        updated_at: unit.updatedAt,
      })
      .onConflict('id')
      .merge(['name', 'updated_at']);
  },

  /** In creation order; `limit` rows after the page's position, plus one. */
  async list(db: Queryable, brandId: string, page: PageRequest): Promise<OrgUnit[]> {
    const query = db<OrgUnitRow>(table).where({ brand_id: brandId });
    return (await keysetPage(query, 'created_at', 'asc', page)).map(toUnit);
  },
});
