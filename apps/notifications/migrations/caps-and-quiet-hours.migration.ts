import type { Migration } from '@laoke/platform';

/**
 * A delivery is due at `not_before` (quiet hours, the daily SMS limit and frequency caps defer,
 * never drop); its priority decides who goes when a cap leaves room for one; SMS length and
 * segments are recorded; every decision about a delivery is kept in `delivery_decisions`.
 */
export const capsAndQuietHours: Migration = {
  name: '0005_caps_and_quiet_hours',
  async up(db) {
    await db.schema.alterTable('deliveries', (t) => {
      t.timestamp('not_before', { useTz: true });
      t.integer('priority').notNullable().defaultTo(5);
      t.timestamp('expires_at', { useTz: true });
      t.integer('sms_length');
      t.integer('sms_segments');
    });
    await db('deliveries').update({ not_before: db.ref('created_at') });
    await db.schema.alterTable('deliveries', (t) => {
      t.timestamp('not_before', { useTz: true }).notNullable().alter();
      t.index(['member_id', 'category', 'not_before']);
    });
    // A deferred delivery is not stale before it is due: recovery measures from not_before.
    await db.raw('drop index deliveries_unsettled');
    await db.raw(
      "create index deliveries_unsettled on deliveries (coalesce(attempted_at, not_before)) where status in ('claimed', 'sending')",
    );
    await db.schema.createTable('delivery_decisions', (t) => {
      t.bigIncrements('id').primary();
      t.uuid('delivery_id').notNullable().index();
      t.text('decision').notNullable();
      t.text('reason');
      t.timestamp('not_before', { useTz: true });
      t.timestamp('decided_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('delivery_decisions');
    await db.raw('drop index deliveries_unsettled');
    await db.raw(
      "create index deliveries_unsettled on deliveries (coalesce(attempted_at, created_at)) where status in ('claimed', 'sending')",
    );
    await db.schema.alterTable('deliveries', (t) => {
      t.dropIndex(['member_id', 'category', 'not_before']);
      for (const column of ['not_before', 'priority', 'expires_at', 'sms_length', 'sms_segments'])
        t.dropColumn(column);
    });
  },
};
