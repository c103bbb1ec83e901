import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import type { CadenceDefinition } from '../domain/cadence/cadence-definition';

export interface PublishedCadence {
  id: string;
  brandId: string;
  version: number;
  definition: CadenceDefinition;
  publishedAt: Date;
}

interface CadenceDefinitionRow {
  id: string;
  brand_id: string;
  version: number;
  definition: CadenceDefinition;
  published_at: Date;
}

const toPublished = (row: CadenceDefinitionRow): PublishedCadence => ({
  id: row.id,
  brandId: row.brand_id,
  version: row.version,
  definition: row.definition,
  publishedAt: row.published_at,
});

const TABLE = 'cadence_definitions';

/** R6: every version a brand published; rows are never changed, a new version is a new row. */
export const cadenceDefinitionsRepository = {
  async latest(db: Queryable, brandId: string): Promise<PublishedCadence | undefined> {
    const row = await db<CadenceDefinitionRow>(TABLE)
      .where({ brand_id: brandId })
      .orderBy('version', 'desc')
      .first();
    return row && toPublished(row);
  },

  async find(
    db: Queryable,
    brandId: string,
    version: number,
  ): Promise<PublishedCadence | undefined> {
    const row = await db<CadenceDefinitionRow>(TABLE).where({ brand_id: brandId, version }).first();
    return row && toPublished(row);
  },

  /**
   * Stores the next version number; two publishers at once cannot both take it (the primary key
   * refuses the second, which then reads as a conflict). Returns undefined when it lost.
   */
  async insertNext(
    db: Queryable,
    id: string,
    brandId: string,
    definition: CadenceDefinition,
    at: Date,
  ): Promise<PublishedCadence | undefined> {
    const rows = await db
      .raw<{ rows: CadenceDefinitionRow[] }>(
        `insert into ${TABLE} (id, brand_id, version, definition, published_at)
         select ?, ?, coalesce(max(version), 0) + 1, ?::jsonb, ? from ${TABLE} where brand_id = ?
         on conflict do nothing returning *`,
        [id, brandId, JSON.stringify(definition), at, brandId],
      )
      .then((r) => r.rows);
    return rows[0] && toPublished(rows[0]);
  },

  /** Newest published first; `limit` rows after `after`, plus one to tell whether more follow. */
  async list(db: Queryable, brandId: string, page: PageRequest): Promise<PublishedCadence[]> {
    const query = db<CadenceDefinitionRow>(TABLE).where({ brand_id: brandId });
    return (await keysetPage(query, 'published_at', 'desc', page)).map(toPublished);
  },
};
