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
  {
    name: '0002_late_and_simultaneous_purchases',
    async up(db) {
      await db.schema.alterTable('follow_ups', (t) => {
        t.text('reason');
        t.date('thanks_day');
        // R6.2: one thank-you per member per local day, whatever order purchases arrive in.
        t.unique(['brand_id', 'member_id', 'thanks_day'], {
          indexName: 'follow_ups_one_thank_you_a_day',
        });
      });
      await db.schema.createTable('member_cadences', (t) => {
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.uuid('newest_purchase_id');
        t.timestamp('newest_purchased_at', { useTz: true });
        t.primary(['brand_id', 'member_id']);
      });
    },
    async down(db) {
      await db.schema.dropTable('member_cadences');
      await db.schema.alterTable('follow_ups', (t) => {
        t.dropUnique(['brand_id', 'member_id', 'thanks_day'], 'follow_ups_one_thank_you_a_day');
        t.dropColumns('reason', 'thanks_day');
      });
    },
  },
];
