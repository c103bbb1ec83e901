import type { Migration } from '@laoke/platform';

export const erasureMigration: Migration = {
  name: '0010_erasure',
  async up(db) {
    // PIPL: who was erased, so a purchase event that arrives after member.erased (another
    // topic, no ordering between them) plans nothing for them.
    await db.schema.createTable('erased_members', (t) => {
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.timestamp('erased_at', { useTz: true }).notNullable();
      t.primary(['brand_id', 'member_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('erased_members');
  },
};
