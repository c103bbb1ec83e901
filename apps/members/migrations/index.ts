import { organisationMigration } from './0002_organisation';
import { associatesAndSearchMigration } from './0007_associates_and_search';
import { memberImportsMigration } from './0008_member_imports';
import { erasureMigration } from './0009_erasure';
import { referralCodesMigration } from './0010_referral_codes';
import { idempotencyMigrations, type Migration } from '@laoke/platform';

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
  {
    name: '0003_member_profile',
    async up(db) {
      await db.schema.alterTable('members', (t) => {
        t.text('gender');
        // R1/R5: which birthday the member celebrates; greetings for a lunar one move every year.
        t.text('birthday_calendar').notNullable().defaultTo('solar');
        // Personal data: encrypted, with a masked form for every screen without full view and a
        // keyed hash where a look-up needs it (the ID number, for card replacement).
        t.text('email_encrypted');
        t.text('email_masked');
        t.text('wechat_open_id');
        t.text('address_encrypted');
        t.text('address_masked');
        t.text('id_number_encrypted');
        t.text('id_number_fingerprint');
        t.text('id_number_masked');
        t.jsonb('product_types').notNullable().defaultTo('[]');
        t.jsonb('colours').notNullable().defaultTo('[]');
        t.text('style');
        t.jsonb('habits').notNullable().defaultTo('[]');
        t.jsonb('tags').notNullable().defaultTo('[]');
        t.jsonb('important_dates').notNullable().defaultTo('[]');
        t.text('serving_associate_id');
        t.uuid('referrer_member_id');
        // Optimistic concurrency: the ETag of a member is its version.
        t.integer('version').notNullable().defaultTo(1);
        t.timestamp('updated_at', { useTz: true });
        t.index(['brand_id', 'id_number_fingerprint']);
      });
      await db.raw('update members set updated_at = registered_at');
      await db.raw('alter table members alter column updated_at set not null');
    },
    async down(db) {
      await db.schema.alterTable('members', (t) => {
        for (const column of [
          'gender',
          'birthday_calendar',
          'email_encrypted',
          'email_masked',
          'wechat_open_id',
          'address_encrypted',
          'address_masked',
          'id_number_encrypted',
          'id_number_fingerprint',
          'id_number_masked',
          'product_types',
          'colours',
          'style',
          'habits',
          'tags',
          'important_dates',
          'serving_associate_id',
          'referrer_member_id',
          'version',
          'updated_at',
        ])
          t.dropColumn(column);
      });
    },
  },
  {
    name: '0004_cards',
    async up(db) {
      // R3: every card a member ever held; only an active one resolves to the member.
      await db.schema.createTable('cards', (t) => {
        t.text('number').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable().references('members.id');
        t.text('status').notNullable();
        t.text('reported_reason');
        t.timestamp('issued_at', { useTz: true }).notNullable();
        t.timestamp('reported_at', { useTz: true });
        t.timestamp('blocked_at', { useTz: true });
        t.text('replaced_by');
        t.index(['member_id']);
      });
      await db.raw(
        `insert into cards (number, brand_id, member_id, status, issued_at)
         select card_number, brand_id, id, 'active', registered_at from members`,
      );
    },
    async down(db) {
      await db.schema.dropTable('cards');
    },
  },
  {
    name: '0005_consents',
    async up(db) {
      await db.schema.createTable('member_consents', (t) => {
        t.uuid('member_id').notNullable().references('members.id');
        t.text('channel').notNullable();
        t.text('category').notNullable();
        t.boolean('granted').notNullable();
        t.text('source').notNullable();
        t.timestamp('changed_at', { useTz: true }).notNullable();
        t.primary(['member_id', 'channel', 'category']);
      });
      // Evidence of every change, without personal data, so it outlives an erasure (PIPL).
      await db.schema.createTable('consent_evidence', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.text('channel').notNullable();
        t.text('category').notNullable();
        t.boolean('granted').notNullable();
        t.text('source').notNullable();
        t.text('actor');
        t.text('wording');
        t.timestamp('recorded_at', { useTz: true }).notNullable();
        t.index(['member_id', 'recorded_at']);
      });
    },
    async down(db) {
      await db.schema.dropTable('consent_evidence');
      await db.schema.dropTable('member_consents');
    },
  },
  {
    name: '0006_referrals',
    async up(db) {
      // R7: who brought whom; `id` is the referred member, who has one referrer at most.
      await db.schema.createTable('referrals', (t) => {
        t.uuid('id').primary().references('members.id');
        t.text('brand_id').notNullable();
        t.uuid('referrer_member_id').notNullable().references('members.id');
        t.text('via').notNullable();
        t.timestamp('referred_at', { useTz: true }).notNullable();
        t.index(['referrer_member_id', 'referred_at']);
      });
    },
    async down(db) {
      await db.schema.dropTable('referrals');
    },
  },
  ...idempotencyMigrations,
  associatesAndSearchMigration,
  memberImportsMigration,
  erasureMigration,
  referralCodesMigration,
];
