import type { Migration } from '@laoke/platform';

/** Lot movements (liability as of any date), the store projection, and lucky draws (R4). */
export const reportsAndDrawsMigration: Migration = {
  name: '0009_reports_and_draws',
  async up(db) {
    // Every change of a lot's remaining points, written with the change: the sum of a lot's
    // movements up to an instant is what it held then.
    await db.schema.createTable('points_lot_movements', (t) => {
      t.uuid('id').primary();
      t.uuid('lot_id').notNullable().references('points_lots.id');
      t.text('brand_id').notNullable();
      t.text('kind').notNullable();
      t.integer('points').notNullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.index(['lot_id', 'at']);
      t.index(['brand_id', 'kind', 'at']);
    });
    // Lots from before: their points when created, and what they lost since as one movement
    // now (their history before this migration is not known lot by lot).
    await db.raw(`
      insert into points_lot_movements (id, lot_id, brand_id, kind, points, at)
      select gen_random_uuid(), id, brand_id, 'earn', points, created_at from points_lots`);
    await db.raw(`
      insert into points_lot_movements (id, lot_id, brand_id, kind, points, at)
      select gen_random_uuid(), id, brand_id, 'opening', remaining - points, now()
      from points_lots where remaining <> points`);
    // Projection of store.upserted: which franchisee a store (by its code) belongs to.
    await db.schema.createTable('loyalty_stores', (t) => {
      t.text('brand_id').notNullable();
      t.text('code').notNullable();
      t.text('store_id').notNullable();
      t.text('franchisee_id');
      t.text('ownership').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.primary(['brand_id', 'code']);
    });
    await db.schema.createTable('lucky_draws', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('name').notNullable();
      t.integer('winners_wanted').notNullable();
      t.timestamp('draw_at', { useTz: true }).notNullable();
      t.text('seed').notNullable();
      t.text('algorithm').notNullable();
      t.integer('candidate_count').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
    });
    await db.schema.createTable('lucky_draw_candidates', (t) => {
      t.uuid('draw_id').notNullable().references('lucky_draws.id');
      t.uuid('member_id').notNullable();
      t.integer('spendable_points').notNullable();
      t.integer('winner_rank');
      t.primary(['draw_id', 'member_id']);
    });
  },
  async down(db) {
    for (const table of [
      'lucky_draw_candidates',
      'lucky_draws',
      'loyalty_stores',
      'points_lot_movements',
    ]) {
      await db.schema.dropTable(table);
    }
  },
};
