import { idempotencyMigrations, type Migration } from '@laoke/platform';
import { programmeVersionsMigration } from './0006-programme-versions';
import { tiersMigration } from './0007-tiers';

export const loyaltyMigrations: Migration[] = [
  ...idempotencyMigrations,
  {
    name: '0001_purchases_and_points',
    async up(db) {
      // Projection of members.events: who may earn points, per brand.
      await db.schema.createTable('known_members', (t) => {
        t.uuid('member_id').primary();
        t.text('brand_id').notNullable();
        t.text('home_store_id').notNullable();
        t.timestamp('registered_at', { useTz: true }).notNullable();
      });
      await db.schema.createTable('purchases', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.text('store_id').notNullable();
        t.text('receipt_number').notNullable();
        t.uuid('member_id').notNullable();
        t.bigInteger('amount_fen').notNullable();
        t.jsonb('lines').notNullable();
        t.timestamp('purchased_at', { useTz: true }).notNullable();
        t.timestamp('recorded_at', { useTz: true }).notNullable();
        // Natural key of a POS sale: one receipt is recorded once.
        t.unique(['brand_id', 'store_id', 'receipt_number']);
        t.index(['member_id', 'purchased_at']);
      });
      await db.raw(
        'alter table purchases add constraint purchases_amount_not_negative check (amount_fen >= 0)',
      );
      await db.schema.createTable('points_accounts', (t) => {
        t.uuid('member_id').primary();
        t.text('brand_id').notNullable();
        t.bigInteger('balance').notNullable();
        t.bigInteger('lifetime_earned').notNullable();
        t.timestamp('updated_at', { useTz: true }).notNullable();
      });
      await db.schema.createTable('points_ledger', (t) => {
        t.uuid('id').primary();
        t.uuid('member_id').notNullable();
        t.text('brand_id').notNullable();
        t.integer('delta').notNullable();
        t.bigInteger('balance_after').notNullable();
        t.text('reason').notNullable();
        t.uuid('purchase_id');
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['member_id', 'created_at']);
      });
      await db.schema.createTable('idempotency_keys', (t) => {
        t.text('brand_id').notNullable();
        t.text('key').notNullable();
        t.text('request_fingerprint').notNullable();
        t.integer('response_status');
        t.jsonb('response_body');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.primary(['brand_id', 'key']);
      });
    },
    async down(db) {
      for (const table of [
        'idempotency_keys',
        'points_ledger',
        'points_accounts',
        'purchases',
        'known_members',
      ]) {
        await db.schema.dropTable(table);
      }
    },
  },
  {
    // Idempotency keys moved to the platform's idempotent_requests table.
    name: '0002_drop_loyalty_idempotency_keys',
    async up(db) {
      await db.schema.dropTable('idempotency_keys');
    },
    async down(db) {
      await db.schema.createTable('idempotency_keys', (t) => {
        t.text('brand_id').notNullable();
        t.text('key').notNullable();
        t.text('request_fingerprint').notNullable();
        t.integer('response_status');
        t.jsonb('response_body');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.primary(['brand_id', 'key']);
      });
    },
  },
  programmeVersionsMigration,
  tiersMigration,
];
