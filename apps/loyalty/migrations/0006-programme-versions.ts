import type { Migration } from '@laoke/platform';

/** Programme versions per brand (R3, R4) and the counters promotions' conditions and limits read. */
export const programmeVersionsMigration: Migration = {
  name: '0006_programme_versions',
  async up(db) {
    await db.schema.createTable('programme_versions', (t) => {
      t.text('brand_id').notNullable();
      t.integer('version').notNullable();
      t.timestamp('effective_from', { useTz: true }).notNullable();
      t.timestamp('published_at', { useTz: true }).notNullable();
      t.jsonb('definition').notNullable();
      t.primary(['brand_id', 'version']);
      t.index(['brand_id', 'effective_from']);
    });
    // Promotional points given, per member and local day: per-member limits and global budgets.
    await db.schema.createTable('promotion_awards', (t) => {
      t.text('brand_id').notNullable();
      t.text('promotion_id').notNullable();
      t.uuid('member_id').notNullable();
      t.uuid('purchase_id').notNullable();
      t.date('local_day').notNullable();
      t.integer('points').notNullable();
      t.primary(['brand_id', 'promotion_id', 'purchase_id']);
      t.index(['brand_id', 'promotion_id', 'member_id', 'local_day']);
    });
    // The order in which members paid at a store on a local day ("first 10 paying members").
    await db.schema.createTable('store_day_payers', (t) => {
      t.text('brand_id').notNullable();
      t.text('store_id').notNullable();
      t.date('local_day').notNullable();
      t.uuid('member_id').notNullable();
      t.integer('rank').notNullable();
      t.primary(['brand_id', 'store_id', 'local_day', 'member_id']);
      t.unique(['brand_id', 'store_id', 'local_day', 'rank']);
    });
  },
  async down(db) {
    for (const table of ['store_day_payers', 'promotion_awards', 'programme_versions'])
      await db.schema.dropTable(table);
  },
};
