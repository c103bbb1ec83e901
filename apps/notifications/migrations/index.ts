import { idempotencyMigrations, type Migration } from '@laoke/platform';
import { capsAndQuietHours } from './caps-and-quiet-hours.migration';
import { DEFAULT_TEMPLATES } from './default-templates';
import { routingAndConsent } from './routing-and-consent.migration';
import { templatesV2 } from './templates-v2.migration';
import { deliveryAttemptsMigration } from './delivery-attempts.migration';
import { inboundAndReceiptsMigration } from './inbound-and-receipts.migration';
import { greetingTemplatesMigration } from './greeting-templates.migration';
import { referralTemplatesMigration } from './referral-templates.migration';
import { cadenceTemplatesMigration } from './cadence-templates.migration';
import { rejectedRequestsAndRateLimitsMigration } from './rejected-requests-and-rate-limits.migration';
import { wechatEmailStaffTasksMigration } from './wechat-email-staff-tasks.migration';

export const notificationsMigrations: Migration[] = [
  {
    name: '0001_contacts_templates_deliveries',
    async up(db) {
      // Projection of members.events: who to reach and how. The mobile stays encrypted.
      await db.schema.createTable('contacts', (t) => {
        t.uuid('member_id').primary();
        t.text('brand_id').notNullable();
        t.text('name').notNullable();
        t.text('mobile_encrypted').notNullable();
        t.text('mobile_masked').notNullable();
        t.boolean('sms_allowed').notNullable().defaultTo(true);
        t.timestamp('updated_at', { useTz: true }).notNullable();
      });
      await db.schema.createTable('templates', (t) => {
        t.increments('id').primary();
        t.text('brand_id').notNullable().defaultTo('*');
        t.text('key').notNullable();
        t.text('channel').notNullable();
        t.text('locale').notNullable().defaultTo('zh-CN');
        t.text('body').notNullable();
        t.unique(['brand_id', 'key', 'channel', 'locale']);
      });
      await db('templates').insert(DEFAULT_TEMPLATES.map((t) => ({ ...t, channel: 'sms' })));
      await db.schema.createTable('deliveries', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('request_id').notNullable().unique();
        t.uuid('member_id').notNullable();
        t.text('channel').notNullable();
        t.text('template').notNullable();
        t.text('category').notNullable();
        t.text('status').notNullable();
        t.text('provider_message_id');
        t.text('text').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('sent_at', { useTz: true });
        t.index(['member_id', 'created_at']);
      });
    },
    async down(db) {
      for (const table of ['deliveries', 'templates', 'contacts']) await db.schema.dropTable(table);
    },
  },
  {
    name: '0002_delivery_states',
    async up(db) {
      // claimed → sending → sent | failed; see docs/architecture.md "Delivery states".
      await db.schema.alterTable('deliveries', (t) => {
        t.integer('attempts').notNullable().defaultTo(0);
        t.timestamp('attempted_at', { useTz: true });
        t.text('failure_reason');
        t.text('store_id');
        // The request event, so the settlement's notification.sent names its cause.
        t.text('request_event_id');
        t.text('correlation_id');
      });
      await db.raw(
        "create index deliveries_unsettled on deliveries (coalesce(attempted_at, created_at)) where status in ('claimed', 'sending')",
      );
    },
    async down(db) {
      await db.raw('drop index deliveries_unsettled');
      await db.schema.alterTable('deliveries', (t) => {
        for (const column of [
          'attempts',
          'attempted_at',
          'failure_reason',
          'store_id',
          'request_event_id',
          'correlation_id',
        ])
          t.dropColumn(column);
      });
    },
  },
  templatesV2,
  routingAndConsent,
  capsAndQuietHours,
  deliveryAttemptsMigration,
  inboundAndReceiptsMigration,
  greetingTemplatesMigration,
  referralTemplatesMigration,
  rejectedRequestsAndRateLimitsMigration,
  // POST /v1/wechat/subscriptions takes an Idempotency-Key.
  ...idempotencyMigrations,
  wechatEmailStaffTasksMigration,
  cadenceTemplatesMigration,
];
