import type { Migration } from '@laoke/platform';

/** R2 and member search: the indexes the reassignment and `POST /v1/members/query` read by. */
export const associatesAndSearchMigration: Migration = {
  name: '0007_associates_and_search',
  async up(db) {
    await db.schema.alterTable('members', (t) => {
      // Every list reads in (registered_at, id) order within a brand (keyset pages).
      t.index(['brand_id', 'registered_at', 'id'], 'members_brand_registered_idx');
      t.index(['brand_id', 'home_store_id', 'registered_at', 'id'], 'members_brand_home_store_idx');
      // R2: an associate's members (departure) and the load of each associate.
      t.index(['brand_id', 'serving_associate_id'], 'members_brand_associate_idx');
    });
    await db.raw(
      'create index members_brand_name_prefix_idx on members (brand_id, name text_pattern_ops)',
    );
    await db.raw('create index members_tags_idx on members using gin (tags jsonb_path_ops)');
    await db.raw(
      'create index members_brand_birthday_month_idx on members (brand_id, (extract(month from birthday)))',
    );
  },
  async down(db) {
    for (const index of [
      'members_brand_registered_idx',
      'members_brand_home_store_idx',
      'members_brand_associate_idx',
      'members_brand_name_prefix_idx',
      'members_tags_idx',
      'members_brand_birthday_month_idx',
    ])
      await db.raw('drop index if exists ??', [index]);
  },
};
