import type { Migration } from '../db/migrations';

/** The table behind idempotent writes; a service that takes Idempotency-Keys lists it first. */
export const idempotencyMigrations: Migration[] = [
  {
    name: '0000_idempotent_requests',
    async up(db) {
      await db.schema.createTable('idempotent_requests', (t) => {
        t.text('brand_id').notNullable();
        t.text('key').notNullable();
        t.text('fingerprint').notNullable();
        t.jsonb('result').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.primary(['brand_id', 'key']);
      });
    },
    async down(db) {
      await db.schema.dropTable('idempotent_requests');
    },
  },
  {
    // Retention deletes by age: without this index every prune would scan the whole table.
    name: '0000_idempotent_requests_by_age',
    async up(db) {
      await db.schema.alterTable('idempotent_requests', (t) => t.index(['created_at']));
    },
    async down(db) {
      await db.schema.alterTable('idempotent_requests', (t) => t.dropIndex(['created_at']));
    },
  },
];
