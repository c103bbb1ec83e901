import type { Migration } from '@laoke/platform';

/**
 * PIPL erasure: an erased member keeps only their id, brand, home store, card number (blocked)
 * and dates; every personal column is emptied, so those that were required become optional.
 * The erasure itself is kept as evidence (who asked, why, how), without personal data.
 */
export const erasureMigration: Migration = {
  name: '0009_erasure',
  async up(db) {
    await db.schema.alterTable('members', (t) => {
      t.timestamp('erased_at', { useTz: true });
      t.text('name').nullable().alter();
      t.text('mobile_encrypted').nullable().alter();
      t.text('mobile_fingerprint').nullable().alter();
      t.text('mobile_masked').nullable().alter();
    });
    await db.schema.createTable('member_erasures', (t) => {
      t.uuid('member_id').primary().references('members.id');
      t.text('brand_id').notNullable();
      t.text('requested_by').notNullable();
      t.text('reason').notNullable();
      t.text('source').notNullable();
      t.timestamp('erased_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('member_erasures');
    await db.schema.alterTable('members', (t) => t.dropColumn('erased_at'));
  },
};
