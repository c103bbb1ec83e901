import type { Migration } from '@laoke/platform';

export interface CareTemplate {
  key: string;
  body: string;
  variables: { name: string; description: string }[];
}

const CHANNELS = ['sms', 'wechat', 'email', 'staff-task'];

/** Brand-neutral zh-CN care templates on every channel; a brand's own rows take precedence. */
export const careTemplatesMigration = (name: string, templates: CareTemplate[]): Migration => ({
  name,
  async up(db) {
    await db('templates')
      .insert(
        templates.flatMap((t) =>
          CHANNELS.map((channel) => ({
            brand_id: '*',
            key: t.key,
            channel,
            locale: 'zh-CN',
            body: t.body,
            category: 'care',
            variables: JSON.stringify(t.variables),
          })),
        ),
      )
      .onConflict(['brand_id', 'key', 'channel', 'locale'])
      .ignore();
  },
  async down(db) {
    await db('templates')
      .where({ brand_id: '*' })
      .whereIn(
        'key',
        templates.map((t) => t.key),
      )
      .delete();
  },
});
