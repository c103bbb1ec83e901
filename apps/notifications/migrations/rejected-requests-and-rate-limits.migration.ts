import type { Migration } from '@laoke/platform';

/**
 * rejected_requests: notification requests that went to the dead-letter topic (a system of the
 * chain published one that fails its schema), kept so the member history and the statistics show
 * them. provider_send_windows: each provider's current one-second window and how many calls it
 * has had, shared by every replica (see domain/provider-rate-limit.ts).
 */
export const rejectedRequestsAndRateLimitsMigration: Migration = {
  name: '0010_rejected_requests_and_rate_limits',
  async up(db) {
    await db.schema.createTable('rejected_requests', (t) => {
      t.uuid('id').primary();
      t.text('topic').notNullable();
      t.integer('partition').notNullable();
      t.text('offset').notNullable();
      t.text('reason').notNullable();
      // As far as the message could be read: any of these may be missing or wrong.
      t.text('brand_id');
      t.text('member_id');
      t.text('request_id');
      t.text('purpose');
      t.text('channel');
      t.text('template');
      t.text('category');
      t.timestamp('rejected_at', { useTz: true }).notNullable();
      t.unique(['topic', 'partition', 'offset']);
      t.index(['brand_id', 'member_id', 'rejected_at']);
      t.index(['brand_id', 'rejected_at']);
    });
    await db.schema.createTable('provider_send_windows', (t) => {
      t.text('provider').primary();
      t.timestamp('window_start', { useTz: true }).notNullable();
      t.integer('used').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('provider_send_windows');
    await db.schema.dropTable('rejected_requests');
  },
};
