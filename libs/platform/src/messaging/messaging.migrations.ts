import type { Migration } from '../db/migrations';

/** The outbox and inbox tables every service that publishes or consumes events needs. */
export const messagingMigrations: Migration[] = [
  {
    name: '0000_outbox_and_inbox',
    async up(db) {
      await db.schema.createTable('outbox', (t) => {
        t.bigIncrements('position').primary();
        t.uuid('event_id').notNullable().unique();
        t.text('topic').notNullable();
        t.text('message_key').notNullable();
        t.text('event_type').notNullable();
        t.jsonb('payload').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.timestamp('published_at', { useTz: true });
      });
      await db.raw(
        'create index outbox_unpublished on outbox (position) where published_at is null',
      );
      await db.schema.createTable('processed_events', (t) => {
        t.text('consumer').notNullable();
        t.uuid('event_id').notNullable();
        t.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.primary(['consumer', 'event_id']);
      });
    },
    async down(db) {
      await db.schema.dropTable('processed_events');
      await db.schema.dropTable('outbox');
    },
  },
];
