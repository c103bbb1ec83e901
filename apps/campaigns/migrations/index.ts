import type { Migration } from '@laoke/platform';
import { greetingsMigration } from './0009-greetings';
import { referralsMigration } from './0013-referrals';
import { topMembersMigration } from './0014-top-members';
import { erasureMigration } from './0010-erasure';
import { cadenceDefinitionsMigration } from './0015-cadence-definitions';
import { segmentsAndBroadcastsMigration } from './0016-segments-and-broadcasts';
import { contactPlanMigration } from './0017-contact-plan';

export const campaignsMigrations: Migration[] = [
  {
    name: '0001_follow_ups',
    async up(db) {
      await db.schema.createTable('follow_ups', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.text('store_id').notNullable();
        t.uuid('purchase_id').notNullable();
        t.text('step').notNullable();
        t.text('template').notNullable();
        t.timestamp('due_at', { useTz: true }).notNullable();
        t.text('status').notNullable().defaultTo('pending');
        t.text('correlation_id');
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('dispatched_at', { useTz: true });
        t.unique(['purchase_id', 'step']);
        t.index(['member_id', 'status']);
      });
      await db.raw("create index follow_ups_due on follow_ups (due_at) where status = 'pending'");
    },
    async down(db) {
      await db.schema.dropTable('follow_ups');
    },
  },
  {
    name: '0002_late_and_simultaneous_purchases',
    async up(db) {
      await db.schema.alterTable('follow_ups', (t) => {
        t.text('reason');
        t.date('thanks_day');
        // R6.2: one thank-you per member per local day, whatever order purchases arrive in.
        t.unique(['brand_id', 'member_id', 'thanks_day'], {
          indexName: 'follow_ups_one_thank_you_a_day',
        });
      });
      await db.schema.createTable('member_cadences', (t) => {
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.uuid('newest_purchase_id');
        t.timestamp('newest_purchased_at', { useTz: true });
        t.primary(['brand_id', 'member_id']);
      });
    },
    async down(db) {
      await db.schema.dropTable('member_cadences');
      await db.schema.alterTable('follow_ups', (t) => {
        t.dropUnique(['brand_id', 'member_id', 'thanks_day'], 'follow_ups_one_thank_you_a_day');
        t.dropColumns('reason', 'thanks_day');
      });
    },
  },
  {
    name: '0003_staff_tasks',
    async up(db) {
      await db.schema.createTable('staff_tasks', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.text('store_id').notNullable();
        t.uuid('member_id').notNullable();
        t.text('kind').notNullable();
        t.text('role').notNullable();
        t.text('assignee_id');
        t.text('title').notNullable();
        t.timestamp('due_at', { useTz: true }).notNullable();
        t.text('status').notNullable().defaultTo('open');
        t.text('outcome');
        t.text('notes');
        t.text('completed_by');
        // What asked for the task (a cadence step, a case): one task per source, however often asked.
        t.text('source_key').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.timestamp('completed_at', { useTz: true });
        t.unique(['brand_id', 'source_key']);
        t.index(['brand_id', 'store_id', 'status', 'due_at']);
      });
    },
    async down(db) {
      await db.schema.dropTable('staff_tasks');
    },
  },
  {
    name: '0004_surveys_and_cases',
    async up(db) {
      await db.schema.createTable('surveys', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.text('store_id').notNullable();
        t.uuid('purchase_id').notNullable().unique();
        t.timestamp('due_at', { useTz: true }).notNullable();
        t.text('status').notNullable().defaultTo('pending');
        t.timestamp('requested_at', { useTz: true });
        t.integer('score');
        t.text('comment');
        t.specificType('reason_codes', 'text[]');
        t.timestamp('answered_at', { useTz: true });
        t.index(['brand_id', 'store_id', 'answered_at']);
      });
      await db.raw("create index surveys_due on surveys (due_at) where status = 'pending'");
      await db.schema.createTable('cases', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.text('store_id').notNullable();
        t.uuid('member_id').notNullable();
        t.uuid('survey_id').notNullable().unique();
        t.text('status').notNullable().defaultTo('open');
        t.timestamp('deadline_at', { useTz: true }).notNullable();
        t.timestamp('opened_at', { useTz: true }).notNullable();
        t.timestamp('contacted_at', { useTz: true });
        t.timestamp('resolved_at', { useTz: true });
        t.timestamp('escalated_at', { useTz: true });
        t.text('resolution');
        t.index(['brand_id', 'store_id', 'status']);
      });
      await db.raw(
        "create index cases_awaiting_escalation on cases (deadline_at) where status <> 'resolved' and escalated_at is null",
      );
    },
    async down(db) {
      await db.schema.dropTable('cases');
      await db.schema.dropTable('surveys');
    },
  },
  {
    name: '0005_lapse_and_win_back',
    async up(db) {
      // Projection of purchases: when each member last bought, and where they stand (R9).
      await db.schema.createTable('member_activity', (t) => {
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.text('store_id').notNullable();
        t.timestamp('last_purchase_at', { useTz: true }).notNullable();
        t.text('lapse_state').notNullable().defaultTo('active');
        t.timestamp('state_changed_at', { useTz: true });
        t.primary(['brand_id', 'member_id']);
        t.index(['brand_id', 'lapse_state', 'last_purchase_at']);
      });
      await db.schema.createTable('win_back_journeys', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.text('store_id').notNullable();
        // Held-out members get no touch, so the journey's lift can be measured against them.
        t.boolean('holdout').notNullable();
        t.timestamp('started_at', { useTz: true }).notNullable();
        t.timestamp('last_touch_at', { useTz: true });
        t.timestamp('ended_at', { useTz: true });
        t.text('end_reason');
        t.boolean('converted').notNullable().defaultTo(false);
        t.index(['brand_id', 'started_at']);
      });
      await db.raw(
        'create unique index win_back_one_open_journey on win_back_journeys (brand_id, member_id) where ended_at is null',
      );
      await db.schema.createTable('win_back_steps', (t) => {
        t.uuid('id').primary();
        t.uuid('journey_id').notNullable().references('win_back_journeys.id');
        t.text('brand_id').notNullable();
        t.text('step').notNullable();
        t.timestamp('due_at', { useTz: true }).notNullable();
        t.text('status').notNullable().defaultTo('pending');
        t.unique(['journey_id', 'step']);
      });
      await db.raw(
        "create index win_back_steps_due on win_back_steps (brand_id, due_at) where status = 'pending'",
      );
      await db.schema.createTable('churn_reasons', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.text('reason_code').notNullable();
        t.text('note');
        t.timestamp('noted_at', { useTz: true }).notNullable();
        t.index(['brand_id', 'noted_at']);
      });
    },
    async down(db) {
      for (const table of [
        'churn_reasons',
        'win_back_steps',
        'win_back_journeys',
        'member_activity',
      ])
        await db.schema.dropTable(table);
    },
  },
  greetingsMigration,
  erasureMigration,
  referralsMigration,
  topMembersMigration,
  cadenceDefinitionsMigration,
  segmentsAndBroadcastsMigration,
  contactPlanMigration,
];
