import type { Migration } from '@laoke/platform';
import { organisationMigration } from './0002_organisation';

export const membersMigrations: Migration[] = [
  {
    name: '0001_members',
    async up(db) {
      await db.raw('create sequence card_number_seq start 100000001');
      await db.schema.createTable('members', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.text('card_number').notNullable().unique();
        t.text('name').notNullable();
        // R1 / personal data: the mobile is stored encrypted, with a keyed hash for uniqueness.
        t.text('mobile_encrypted').notNullable();
        t.text('mobile_fingerprint').notNullable();
        t.text('mobile_masked').notNullable();
        t.date('birthday');
        t.text('home_store_id').notNullable();
        t.timestamp('registered_at', { useTz: true }).notNullable();
        t.unique(['brand_id', 'mobile_fingerprint']);
      });
    },
    async down(db) {
      await db.schema.dropTable('members');
      await db.raw('drop sequence card_number_seq');
    },
  },
  organisationMigration,
];
