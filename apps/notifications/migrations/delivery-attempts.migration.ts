import type { Migration } from '@laoke/platform';

/**
 * Every provider call a delivery made, and when it is due again after a retryable failure:
 * claimed (due at next_attempt_at, if set) → sending → sent | failed.
 */
export const deliveryAttemptsMigration: Migration = {
  name: '0006_delivery_attempts',
  async up(db) {
    await db.schema.alterTable('deliveries', (t) => {
      t.timestamp('next_attempt_at', { useTz: true });
      t.text('provider');
    });
    await db.raw(
      "create index deliveries_retry_due on deliveries (next_attempt_at) where status = 'claimed' and next_attempt_at is not null",
    );
    await db.schema.createTable('delivery_attempts', (t) => {
      t.bigIncrements('id').primary();
      t.uuid('delivery_id').notNullable().references('deliveries.id').onDelete('cascade');
      t.integer('attempt').notNullable();
      t.text('provider').notNullable();
      // sent | retryable | terminal
      t.text('outcome').notNullable();
      t.text('detail');
      t.timestamp('at', { useTz: true }).notNullable();
      t.index(['delivery_id', 'id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('delivery_attempts');
    await db.raw('drop index deliveries_retry_due');
    await db.schema.alterTable('deliveries', (t) => {
      t.dropColumn('next_attempt_at');
      t.dropColumn('provider');
    });
  },
};
