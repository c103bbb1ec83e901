import type { Migration } from '@laoke/platform';

/**
 * The gateway's own data: API clients (keys kept only as SHA-256 digests), staff log-ins
 * (scrypt password hashes, lockout), rotating refresh tokens (digests), the key that signs
 * access tokens (one for every gateway instance) and the shared rate-limit windows.
 */
export const credentialsMigration: Migration = {
  name: '0001_credentials',
  async up(db) {
    await db.schema.createTable('api_clients', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('kind').notNullable();
      t.text('name').notNullable();
      t.text('store_id');
      t.specificType('scopes', 'text[]').notNullable();
      t.text('key_hash').notNullable().unique();
      t.text('created_by').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('rotated_at', { useTz: true });
      t.timestamp('revoked_at', { useTz: true });
      t.index(['brand_id', 'created_at', 'id']);
    });
    await db.raw(
      "alter table api_clients add constraint api_clients_kind check (kind in ('pos-device', 'integration'))",
    );
    await db.schema.createTable('staff_accounts', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('username').notNullable().unique();
      t.text('password_hash').notNullable();
      t.text('role').notNullable();
      t.text('store_id');
      t.integer('failed_attempts').notNullable().defaultTo(0);
      t.timestamp('locked_until', { useTz: true });
      t.timestamp('created_at', { useTz: true }).notNullable();
    });
    await db.schema.createTable('refresh_tokens', (t) => {
      t.text('token_hash').primary();
      t.uuid('account_id').notNullable().references('staff_accounts.id');
      // Every token descending from one log-in: a reused one revokes them all.
      t.uuid('family_id').notNullable().index();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('used_at', { useTz: true });
      t.timestamp('revoked_at', { useTz: true });
    });
    await db.schema.createTable('signing_keys', (t) => {
      t.text('name').primary();
      t.binary('secret').notNullable();
    });
    // One row per credential: its current window, which starts at its first call after the last.
    await db.schema.createTable('rate_limit_windows', (t) => {
      t.text('credential').primary();
      t.timestamp('window_start', { useTz: true }).notNullable();
      t.integer('calls').notNullable();
    });
  },
  async down(db) {
    for (const table of [
      'rate_limit_windows',
      'signing_keys',
      'refresh_tokens',
      'staff_accounts',
      'api_clients',
    ])
      await db.schema.dropTable(table);
  },
};
