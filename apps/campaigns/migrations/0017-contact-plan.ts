import type { Migration } from '@laoke/platform';

export const contactPlanMigration: Migration = {
  name: '0017_contact_plan',
  async up(db) {
    // Issue 9 item 6: who each member is, where, served by whom and since when (their contact
    // year runs from the day they joined); `checked_on` is the brand-local day the daily plan last
    // looked at them, so replicas share the day's scan and nobody is looked at twice.
    await db.schema.createTable('contact_plan_members', (t) => {
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.text('store_id').notNullable();
      t.text('associate_id');
      t.timestamp('registered_at', { useTz: true }).notNullable();
      t.date('checked_on');
      t.primary(['brand_id', 'member_id']);
      t.index(['brand_id', 'store_id', 'registered_at', 'member_id']);
      t.index(['brand_id', 'checked_on']);
    });
    // A birthday greeting counts as a contact; the greeting scan keeps only the next birthday.
    await db.schema.alterTable('greeting_members', (t) => {
      t.date('last_birthday_greeted_on');
    });
  },
  async down(db) {
    await db.schema.alterTable('greeting_members', (t) => {
      t.dropColumn('last_birthday_greeted_on');
    });
    await db.schema.dropTable('contact_plan_members');
  },
};
