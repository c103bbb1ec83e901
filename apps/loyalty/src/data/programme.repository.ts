import type { Queryable } from '@laoke/platform';
import type { Programme, ProgrammeDefinition } from '../domain/programme/programme-definition';

interface ProgrammeRow {
  brand_id: string;
  version: number;
  effective_from: Date;
  published_at: Date;
  definition: ProgrammeDefinition;
}

const toProgramme = (row: ProgrammeRow): Programme => ({
  version: row.version,
  effectiveFrom: row.effective_from,
  publishedAt: row.published_at,
  definition: row.definition,
});

/** Published programme versions: never updated, a change is a new version. */
export const programmeRepository = {
  /** The version in force at `at`: the latest effective by then (the highest version on a tie). */
  async inForceAt(db: Queryable, brandId: string, at: Date): Promise<Programme | undefined> {
    const row = await db<ProgrammeRow>('programme_versions')
      .where({ brand_id: brandId })
      .andWhere('effective_from', '<=', at)
      .orderBy([
        { column: 'effective_from', order: 'desc' },
        { column: 'version', order: 'desc' },
      ])
      .first();
    return row && toProgramme(row);
  },

  async latest(db: Queryable, brandId: string): Promise<Programme | undefined> {
    const row = await db<ProgrammeRow>('programme_versions')
      .where({ brand_id: brandId })
      .orderBy('version', 'desc')
      .first();
    return row && toProgramme(row);
  },

  async insert(
    db: Queryable,
    brandId: string,
    programme: Programme & { publishedAt: Date },
  ): Promise<void> {
    await db('programme_versions').insert({
      brand_id: brandId,
      version: programme.version,
      effective_from: programme.effectiveFrom,
      published_at: programme.publishedAt,
      definition: JSON.stringify(programme.definition),
    });
  },

  /** Every brand with a published programme: the tier review visits each with its own clock. */
  async brands(db: Queryable): Promise<string[]> {
    const rows = await db('programme_versions').distinct<{ brand_id: string }[]>('brand_id');
    return rows.map((r) => r.brand_id);
  },
};
