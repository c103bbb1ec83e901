import type { Migration } from '@laoke/platform';
import { CHANNEL_TEMPLATES } from './channel-templates';

/**
 * WeChat one-time subscription quota per member × template, and the default templates of every
 * campaign key on WeChat (`field: value` lines), e-mail (subject line, blank line, body) and
 * staff task (a brief for the caller), in zh-CN and en. They replace the SMS texts 0003 copied
 * to these channels, which neither WeChat nor e-mail could send.
 */
export const wechatEmailStaffTasksMigration: Migration = {
  name: '0009_wechat_email_staff_tasks',
  async up(db) {
    await db.schema.createTable('wechat_subscriptions', (t) => {
      t.uuid('member_id').notNullable();
      t.text('template').notNullable();
      t.text('brand_id').notNullable();
      t.integer('remaining').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.primary(['member_id', 'template']);
    });
    await db.raw(
      'alter table wechat_subscriptions add constraint wechat_subscriptions_not_negative check (remaining >= 0)',
    );
    await db('templates')
      .insert(
        CHANNEL_TEMPLATES.map((t) => ({
          brand_id: '*',
          key: t.key,
          channel: t.channel,
          locale: t.locale,
          body: t.body,
          category: t.category,
          variables: JSON.stringify(t.variables),
        })),
      )
      .onConflict(['brand_id', 'key', 'channel', 'locale'])
      .merge(['body', 'category', 'variables']);
  },
  async down(db) {
    await db.schema.dropTable('wechat_subscriptions');
  },
};
