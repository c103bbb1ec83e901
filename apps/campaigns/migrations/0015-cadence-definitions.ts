import type { Migration } from '@laoke/platform';

/**
 * R6 as data: each brand's published cadence versions; each follow-up row is one occurrence of
 * a step of one purchase's cadence (member, purchase, step, occurrence), keeping the version it
 * started with; what the engine knows of a member (care consent, serving associate); and when a
 * member last got a message of each purpose, so overlapping cadences coalesce.
 */
export const cadenceDefinitionsMigration: Migration = {
  name: '0015_cadence_definitions',
  async up(db) {
    await db.schema.createTable('cadence_definitions', (t) => {
      t.uuid('id').notNullable().unique();
      t.text('brand_id').notNullable();
      t.integer('version').notNullable();
      t.jsonb('definition').notNullable();
      t.timestamp('published_at', { useTz: true }).notNullable();
      t.primary(['brand_id', 'version']);
    });
    await db.schema.alterTable('follow_ups', (t) => {
      t.integer('cadence_version').notNullable().defaultTo(0);
      t.integer('occurrence').notNullable().defaultTo(1);
      t.text('action').notNullable().defaultTo('message');
      t.text('purpose');
      // The anchor and zone the next occurrences are computed from.
      t.timestamp('purchased_at', { useTz: true });
      t.text('time_zone');
      t.uuid('task_id');
      t.dropUnique(['purchase_id', 'step']);
      t.unique(['member_id', 'purchase_id', 'step', 'occurrence'], {
        indexName: 'follow_ups_occurrence_key',
      });
    });
    await db.raw(`update follow_ups set purpose = case step
      when 'day-0-thank-you' then 'thank-you'
      when 'week-3-care-tips' then 'care-content'
      when 'month-3-cleaning-invitation' then 'maintenance-invitation'
      else 'follow-up' end`);
    await db.raw('create index follow_ups_task on follow_ups (task_id) where task_id is not null');
    await db.schema.createTable('cadence_members', (t) => {
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.text('serving_associate_id');
      // Care consent per channel as last told ({"sms": false}); withdrawn on all = opted out.
      t.jsonb('care_consents').notNullable().defaultTo('{}');
      t.primary(['brand_id', 'member_id']);
    });
    await db.schema.createTable('cadence_sent_purposes', (t) => {
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.text('purpose').notNullable();
      t.timestamp('last_sent_at', { useTz: true }).notNullable();
      t.primary(['brand_id', 'member_id', 'purpose']);
    });
  },
  async down(db) {
    await db.schema.dropTable('cadence_sent_purposes');
    await db.schema.dropTable('cadence_members');
    await db.raw('drop index follow_ups_task');
    await db.schema.alterTable('follow_ups', (t) => {
      t.dropUnique(['member_id', 'purchase_id', 'step', 'occurrence'], 'follow_ups_occurrence_key');
      t.unique(['purchase_id', 'step']);
      t.dropColumns(
        'cadence_version',
        'occurrence',
        'action',
        'purpose',
        'purchased_at',
        'time_zone',
        'task_id',
      );
    });
    await db.schema.dropTable('cadence_definitions');
  },
};
