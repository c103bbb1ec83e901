import type { Migration } from '@laoke/platform';

/**
 * Templates gain a category and a declared variable schema (rendered by LiquidJS); the default
 * templates are offered on every channel, so routing may pick any of them.
 */
export const templatesV2: Migration = {
  name: '0003_templates_v2',
  async up(db) {
    await db.schema.alterTable('templates', (t) => {
      t.text('category').notNullable().defaultTo('care');
      // [{ name, description? }]: the variables a request must give; memberName is always given.
      t.jsonb('variables').notNullable().defaultTo('[]');
      t.timestamp('updated_at', { useTz: true });
    });
    await db.raw(`
      insert into templates (brand_id, key, channel, locale, body, category, variables)
      select brand_id, key, c.channel, locale, body, category, variables
      from templates, (values ('wechat'), ('email'), ('staff-task')) as c(channel)
      where brand_id = '*' and templates.channel = 'sms'
      on conflict do nothing`);
  },
  async down(db) {
    await db('templates').where({ brand_id: '*' }).whereNot({ channel: 'sms' }).delete();
    await db.schema.alterTable('templates', (t) => {
      for (const column of ['category', 'variables', 'updated_at']) t.dropColumn(column);
    });
  },
};
