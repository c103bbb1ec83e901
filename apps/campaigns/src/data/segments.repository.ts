import type { PageRequest, Queryable } from '@laoke/platform';
import { keysetPage } from '@laoke/platform';
import type { SegmentCriteria } from '../domain/segments/segment-criteria';

export interface Segment {
  id: string;
  brandId: string;
  name: string;
  criteria: SegmentCriteria;
  createdAt: Date;
  updatedAt: Date;
}

interface SegmentRow {
  id: string;
  brand_id: string;
  name: string;
  criteria: SegmentCriteria;
  created_at: Date;
  updated_at: Date;
}

const fromRow = (row: SegmentRow): Segment => ({
  id: row.id,
  brandId: row.brand_id,
  name: row.name,
  criteria: row.criteria,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Segment definitions as data, per brand. */
export const segmentsRepository = {
  async insert(db: Queryable, s: Segment) {
    await db('segments').insert({
      id: s.id,
      brand_id: s.brandId,
      name: s.name,
      criteria: JSON.stringify(s.criteria),
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    });
  },

  async find(db: Queryable, brandId: string, id: string) {
    const row = await db<SegmentRow>('segments').where({ brand_id: brandId, id }).first();
    return row && fromRow(row);
  },

  async update(
    db: Queryable,
    brandId: string,
    id: string,
    change: { name: string; criteria: SegmentCriteria; updatedAt: Date },
  ) {
    const rows = (await db('segments')
      .where({ brand_id: brandId, id })
      .update({
        name: change.name,
        criteria: JSON.stringify(change.criteria),
        updated_at: change.updatedAt,
      })
      .returning('*')) as SegmentRow[];
    return rows[0] && fromRow(rows[0]);
  },

  async remove(db: Queryable, brandId: string, id: string) {
    const rows = (await db('segments')
      .where({ brand_id: brandId, id })
      .delete()
      .returning('*')) as SegmentRow[];
    return rows[0] && fromRow(rows[0]);
  },

  /** One page in creation order, plus one row telling whether another page follows. */
  async page(db: Queryable, brandId: string, page: PageRequest) {
    const rows = (await keysetPage(
      db('segments').where({ brand_id: brandId }),
      'created_at',
      'asc',
      page,
    )) as SegmentRow[];
    return rows.map(fromRow);
  },
};
