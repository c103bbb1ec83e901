import type { Migration } from '@laoke/platform';

/** R12: brand settings, regions, franchisees, stores and staff, every row scoped to a brand. */
export const organisationMigration: Migration = {
  name: '0002_organisation',
  async up(db) {
    await db.schema.createTable('brands', (t) => {
      t.text('id').primary();
      t.text('name').notNullable();
      t.text('time_zone').notNullable();
      t.text('default_locale').notNullable();
      t.text('sms_signature').notNullable();
      // Owned by the programme (loyalty, campaigns); kept here as given.
      t.jsonb('programme_settings').notNullable().defaultTo('{}');
      t.boolean('sandbox').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await db.schema.createTable('regions', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('name').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.unique(['brand_id', 'name']);
      t.index(['brand_id', 'created_at', 'id']);
    });
    await db.schema.createTable('franchisees', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('name').notNullable();
      t.text('contact_name');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.unique(['brand_id', 'name']);
      t.index(['brand_id', 'created_at', 'id']);
    });
    await db.schema.createTable('stores', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('code').notNullable();
      t.text('name').notNullable();
      t.text('ownership').notNullable();
      t.uuid('franchisee_id').references('franchisees.id');
      t.uuid('region_id').references('regions.id');
      // A business address, not a person's: kept in clear.
      t.text('address');
      t.text('time_zone');
      t.text('status').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.unique(['brand_id', 'code']);
      t.index(['brand_id', 'created_at', 'id']);
    });
    await db.raw(
      "alter table stores add constraint stores_franchised_have_a_franchisee check ((ownership = 'franchised') = (franchisee_id is not null))",
    );
    await db.schema.createTable('staff', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.text('name').notNullable();
      t.text('role').notNullable();
      t.uuid('store_id').references('stores.id');
      t.uuid('region_id').references('regions.id');
      t.text('mobile_encrypted').notNullable();
      t.text('mobile_fingerprint').notNullable();
      t.text('mobile_masked').notNullable();
      t.text('status').notNullable();
      t.timestamp('left_at', { useTz: true });
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.index(['brand_id', 'created_at', 'id']);
      t.index(['brand_id', 'store_id', 'status']);
    });
  },
  async down(db) {
    await db.schema.dropTable('staff');
    await db.schema.dropTable('stores');
    await db.schema.dropTable('franchisees');
    await db.schema.dropTable('regions');
    await db.schema.dropTable('brands');
  },
};
