import type { Migration } from '@laoke/platform';

/** Delivery reports, inbound opt-out replies and the consent changes still owed to members. */
export const inboundAndReceiptsMigration: Migration = {
  name: '0008_inbound_and_receipts',
  async up(db) {
    await db.schema.alterTable('deliveries', (t) => {
      t.timestamp('delivered_at', { useTz: true });
    });
    await db.raw(
      'create index deliveries_provider_message on deliveries (provider, provider_message_id) where provider_message_id is not null',
    );
    // Who an SMS went to, by keyed fingerprint of the number: a reply names only the number.
    await db.schema.createTable('sms_recipients', (t) => {
      t.text('brand_id').notNullable();
      t.text('mobile_fingerprint').notNullable();
      t.uuid('member_id').notNullable();
      t.timestamp('last_sent_at', { useTz: true }).notNullable();
      t.primary(['mobile_fingerprint', 'brand_id', 'member_id']);
    });
    // Local opt-outs, effective at once, until members' consent-changed catches up.
    await db.schema.createTable('opt_outs', (t) => {
      t.uuid('member_id').notNullable();
      t.text('channel').notNullable();
      t.text('category').notNullable();
      t.text('brand_id').notNullable();
      t.text('source').notNullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.primary(['member_id', 'channel', 'category']);
    });
    // A consent change members has not accepted yet; a job retries it.
    await db.schema.createTable('pending_consent_updates', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.text('channel').notNullable();
      t.text('category').notNullable();
      t.boolean('granted').notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.text('last_error');
      t.timestamp('next_try_at', { useTz: true }).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['next_try_at']);
    });
  },
  async down(db) {
    for (const table of ['pending_consent_updates', 'opt_outs', 'sms_recipients'])
      await db.schema.dropTable(table);
    await db.raw('drop index deliveries_provider_message');
    await db.schema.alterTable('deliveries', (t) => t.dropColumn('delivered_at'));
  },
};
