import type { Migration } from '@laoke/platform';

/**
 * Per-brand messaging policy as data; the contact projection learns every address, locale, time
 * zone, consent per channel × category and erasure; a delivery says its purpose, its dedupe key
 * (one delivery per key and member) and why it was suppressed.
 */
export const routingAndConsent: Migration = {
  name: '0004_routing_and_consent',
  async up(db) {
    await db.schema.createTable('brand_policies', (t) => {
      t.text('brand_id').primary();
      // Only what the brand changed; the rest comes from the defaults (domain/notification-policy.ts).
      t.jsonb('policy').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await db.schema.alterTable('contacts', (t) => {
      t.text('name').nullable().alter();
      t.text('mobile_encrypted').nullable().alter();
      t.text('mobile_masked').nullable().alter();
      t.text('email_encrypted');
      t.text('wechat_openid');
      t.text('locale');
      t.text('time_zone');
      // { "sms:marketing": false, ... }: a pair not listed is granted (members opt out).
      t.jsonb('consents').notNullable().defaultTo('{}');
      t.timestamp('erased_at', { useTz: true });
    });
    await db.schema.alterTable('deliveries', (t) => {
      t.text('purpose');
      t.text('dedupe_key');
      t.text('channel').nullable().alter();
      t.text('decision_reason');
    });
    await db('deliveries').update({ dedupe_key: db.ref('request_id') });
    await db.schema.alterTable('deliveries', (t) => {
      t.text('dedupe_key').notNullable().alter();
      t.unique(['member_id', 'dedupe_key']);
    });
  },
  async down(db) {
    await db.schema.alterTable('deliveries', (t) => {
      t.dropUnique(['member_id', 'dedupe_key']);
      for (const column of ['purpose', 'dedupe_key', 'decision_reason']) t.dropColumn(column);
    });
    await db.schema.alterTable('contacts', (t) => {
      for (const column of [
        'email_encrypted',
        'wechat_openid',
        'locale',
        'time_zone',
        'consents',
        'erased_at',
      ])
        t.dropColumn(column);
    });
    await db.schema.dropTable('brand_policies');
  },
};
