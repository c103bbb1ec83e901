import type { Migration } from '@laoke/platform';

export const greetingsMigration: Migration = {
  name: '0009_greetings',
  async up(db) {
    // R5: the member facts greetings need, projected from member.* events; only the next
    // birthday is stored, moved a year on once greeted.
    await db.schema.createTable('greeting_members', (t) => {
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.text('home_store_id').notNullable();
      t.date('birthday');
      t.text('birthday_calendar').notNullable().defaultTo('solar');
      t.text('time_zone');
      t.date('next_birthday_on');
      t.primary(['brand_id', 'member_id']);
      t.index(['brand_id', 'next_birthday_on']);
    });
    // One row per brand and holiday or season start; the cursor lets a fan-out resume where a
    // stopped replica left it.
    await db.schema.createTable('greeting_occasions', (t) => {
      t.text('brand_id').notNullable();
      t.text('occasion_key').notNullable();
      t.text('kind').notNullable();
      t.text('name').notNullable();
      t.date('local_date').notNullable();
      t.uuid('cursor');
      t.integer('greeted').notNullable().defaultTo(0);
      t.timestamp('started_at', { useTz: true }).notNullable();
      t.timestamp('done_at', { useTz: true });
      t.primary(['brand_id', 'occasion_key']);
    });
  },
  async down(db) {
    await db.schema.dropTable('greeting_occasions');
    await db.schema.dropTable('greeting_members');
  },
};
