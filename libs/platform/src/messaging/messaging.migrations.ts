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
  {
    name: '0001_outbox_parking',
    async up(db) {
      await db.schema.alterTable('outbox', (t) => {
        t.integer('attempts').notNullable().defaultTo(0);
        t.text('last_error');
        t.timestamp('parked_at', { useTz: true });
        t.text('park_reason');
      });
      await db.raw('drop index outbox_unpublished');
      await db.raw(
        'create index outbox_pending on outbox (position) where published_at is null and parked_at is null',
      );
      await db.raw('create index outbox_parked on outbox (parked_at) where parked_at is not null');
    },
    async down(db) {
      await db.raw('drop index outbox_parked');
      await db.raw('drop index outbox_pending');
      await db.raw(
        'create index outbox_unpublished on outbox (position) where published_at is null',
      );
      await db.schema.alterTable('outbox', (t) => {
        t.dropColumns('attempts', 'last_error', 'parked_at', 'park_reason');
      });
    },
  },
];
