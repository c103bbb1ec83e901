import type { Queryable } from '@laoke/platform';
import type { OccasionKind } from '../domain/greetings/greeting-policy';

export interface GreetingOccasion {
  brandId: string;
  occasionKey: string;
  kind: OccasionKind;
  name: string;
  localDate: string;
  cursor: string | null;
  greeted: number;
}

const TABLE = 'greeting_occasions';

interface OccasionRow {
  brand_id: string;
  occasion_key: string;
  kind: OccasionKind;
  name: string;
  local_date: string;
  cursor: string | null;
  greeted: number;
}

const fromRow = (row: OccasionRow): GreetingOccasion => ({
  brandId: row.brand_id,
  occasionKey: row.occasion_key,
  kind: row.kind,
  name: row.name,
  localDate: row.local_date,
  cursor: row.cursor,
  greeted: row.greeted,
});

/** R5: one fan-out per brand and holiday or season start, resumable by its cursor. */
export const greetingOccasionsRepository = {
  open: (
    db: Queryable,
    o: {
      brandId: string;
      occasionKey: string;
      kind: OccasionKind;
      name: string;
      localDate: string;
    },
    at: Date,
  ) =>
    db(TABLE)
      .insert({
        brand_id: o.brandId,
        occasion_key: o.occasionKey,
        kind: o.kind,
        name: o.name,
        local_date: o.localDate,
        started_at: at,
      })
      .onConflict(['brand_id', 'occasion_key'])
      .ignore(),

  /** An unfinished fan-out no other replica is working on. */
  async claimUnfinished(db: Queryable, brandId: string) {
    const row: OccasionRow | undefined = await db<OccasionRow>(TABLE)
      .where({ brand_id: brandId })
      .whereNull('done_at')
      .orderBy('started_at')
      .first()
      .forUpdate()
      .skipLocked();
    return row ? fromRow(row) : undefined;
  },

  progress: (
    db: Queryable,
    o: GreetingOccasion,
    change: { cursor: string | null; greeted: number; doneAt: Date | null },
  ) =>
    db(TABLE)
      .where({ brand_id: o.brandId, occasion_key: o.occasionKey })
      .update({ cursor: change.cursor, greeted: change.greeted, done_at: change.doneAt }),

  list: (db: Queryable, brandId: string) =>
    db(TABLE)
      .where({ brand_id: brandId })
      .orderBy('local_date')
      .then((rows) => rows.map(fromRow)),
};
