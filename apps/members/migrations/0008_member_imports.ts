import type { Migration } from '@laoke/platform';

/** Bulk imports of existing members (issue 6 item 10): a job, its staged chunks, its bad rows. */
export const memberImportsMigration: Migration = {
  name: '0008_member_imports',
  async up(db) {
    await db.schema.createTable('member_imports', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('format').notNullable();
      t.text('status').notNullable();
      t.integer('total').notNullable().defaultTo(0);
      t.integer('imported').notNullable().defaultTo(0);
      t.integer('updated').notNullable().defaultTo(0);
      t.integer('failed').notNullable().defaultTo(0);
      t.text('correlation_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('completed_at', { useTz: true });
      t.index(['status']);
    });
    // The uploaded rows, staged as they stream in. Personal data is in them, so each chunk is
    // stored encrypted and its payload dropped in the transaction that imports its rows.
    await db.schema.createTable('member_import_chunks', (t) => {
      t.uuid('import_id').notNullable().references('member_imports.id');
      t.integer('chunk_number').notNullable();
      t.integer('row_count').notNullable();
      t.text('rows_encrypted');
      t.timestamp('done_at', { useTz: true });
      t.primary(['import_id', 'chunk_number']);
    });
    await db.raw(
      'create index member_import_chunks_pending on member_import_chunks (import_id, chunk_number) where done_at is null',
    );
    await db.schema.createTable('member_import_errors', (t) => {
      t.uuid('id').primary();
      t.uuid('import_id').notNullable().references('member_imports.id');
      t.integer('row_number').notNullable();
      t.text('field').notNullable();
      t.text('code').notNullable();
      t.text('reason').notNullable();
      t.timestamp('recorded_at', { useTz: true }).notNullable();
      t.index(['import_id', 'recorded_at', 'id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('member_import_errors');
    await db.schema.dropTable('member_import_chunks');
    await db.schema.dropTable('member_imports');
  },
};
