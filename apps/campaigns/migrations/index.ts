import type { Migration } from '@laoke/platform';

export const campaignsMigrations: Migration[] = [
  {
    name: '0001_follow_ups',
    async up(db) {
      await db.schema.createTable('follow_ups', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.text('store_id').notNullable();
        t.uuid('purchase_id').notNullable();
        t.text('step').notNullable();
        t.text('template').notNullable();
        t.timestamp('due_at', { useTz: true }).notNullable();
        t.text('status').notNullable().defaultTo('pending');
        t.text('correlation_id');
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('dispatched_at', { useTz: true });
        t.unique(['purchase_id', 'step']);
        t.index(['member_id', 'status']);
      });
      await db.raw("create index follow_ups_due on follow_ups (due_at) where status = 'pending'");
    },
    async down(db) {
      await db.schema.dropTable('follow_ups');
    },
  },
];
