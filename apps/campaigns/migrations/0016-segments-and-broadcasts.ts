import type { Migration } from '@laoke/platform';

export const segmentsAndBroadcastsMigration: Migration = {
  name: '0016_segments_and_broadcasts',
  async up(db) {
    // The member facts segments need that no other projection keeps: tier, tags, consent, and
    // running spend totals kept beside member_purchases. Home store and birthday come from
    // greeting_members, last purchase and lapse state from member_activity.
    await db.schema.createTable('member_profiles', (t) => {
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.text('tier');
      t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
      // `channel:category` → granted; absent means not revoked, as notifications reads it.
      t.jsonb('consents').notNullable().defaultTo('{}');
      t.bigInteger('spend_fen').notNullable().defaultTo(0);
      t.integer('purchase_count').notNullable().defaultTo(0);
      t.primary(['brand_id', 'member_id']);
    });
    await db.schema.createTable('segments', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('name').notNullable();
      t.jsonb('criteria').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.index(['brand_id', 'created_at', 'id']);
    });
    await db.schema.createTable('broadcasts', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.uuid('segment_id').notNullable();
      // The segment's criteria when the broadcast was scheduled: a later edit does not move it.
      t.jsonb('criteria').notNullable();
      t.text('template').notNullable();
      t.text('category').notNullable();
      t.text('local_send_at').notNullable();
      t.timestamp('scheduled_at', { useTz: true }).notNullable();
      t.text('state').notNullable().defaultTo('scheduled');
      // Keyset position of the fan-out: the last member requested.
      t.uuid('cursor');
      t.integer('requested').notNullable().defaultTo(0);
      t.timestamp('last_batch_at', { useTz: true });
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('finished_at', { useTz: true });
      t.index(['brand_id', 'created_at', 'id']);
    });
    await db.raw(
      "create index broadcasts_due on broadcasts (brand_id, scheduled_at) where state in ('scheduled', 'sending')",
    );
  },
  async down(db) {
    for (const table of ['broadcasts', 'segments', 'member_profiles'])
      await db.schema.dropTable(table);
  },
};
