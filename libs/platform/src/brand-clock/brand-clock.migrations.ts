import type { Migration } from '../db/migrations';

/** Every service's projection of the sandbox brands' clocks (see brand-aware-clock.ts). */
export const brandClockMigrations: Migration[] = [
  {
    name: '0000_brand_clocks',
    async up(db) {
      await db.schema.createTable('brand_clocks', (t) => {
        t.text('brand_id').primary();
        t.timestamp('frozen_at', { useTz: true }).notNullable();
        t.timestamp('changed_at', { useTz: true }).notNullable();
      });
    },
    async down(db) {
      await db.schema.dropTable('brand_clocks');
    },
  },
];
