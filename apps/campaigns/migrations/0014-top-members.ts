import type { Migration } from '@laoke/platform';

export const topMembersMigration: Migration = {
  name: '0014_top_members',
  async up(db) {
    // What each member spent where, net of returns: ranks the year's top members (R10).
    await db.schema.createTable('member_purchases', (t) => {
      t.uuid('purchase_id').primary();
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.text('store_id').notNullable();
      t.bigInteger('amount_fen').notNullable();
      t.bigInteger('returned_fen').notNullable().defaultTo(0);
      t.jsonb('line_values_fen').notNullable();
      t.timestamp('purchased_at', { useTz: true }).notNullable();
      t.index(['brand_id', 'purchased_at']);
    });
    await db.raw(
      'alter table member_purchases add constraint member_purchases_returned_within check (returned_fen between 0 and amount_fen)',
    );
    await db.schema.createTable('returns_counted', (t) => {
      t.uuid('return_id').primary();
      t.uuid('purchase_id').notNullable();
    });
    // Projection of store.upserted: the region each store belongs to.
    await db.schema.createTable('store_regions', (t) => {
      t.text('brand_id').notNullable();
      t.text('store_id').notNullable();
      t.text('region_id');
      t.primary(['brand_id', 'store_id']);
    });
    // One selection per brand and year, whichever replica gets there first.
    await db.schema.createTable('top_member_selections', (t) => {
      t.text('brand_id').notNullable();
      t.integer('year').notNullable();
      t.integer('selected').notNullable();
      t.timestamp('selected_at', { useTz: true }).notNullable();
      t.primary(['brand_id', 'year']);
    });
  },
  async down(db) {
    for (const table of [
      'top_member_selections',
      'store_regions',
      'returns_counted',
      'member_purchases',
    ])
      await db.schema.dropTable(table);
  },
};
