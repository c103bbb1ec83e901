import type { Migration } from '@laoke/platform';

/**
 * R4: a recorded purchase earns by the brand's programme (base, tier, promotions) and keeps
 * why; benefits a member claims once (birthday-purchase gift, quarterly gift, member-day
 * discount); the referral reward paid once per referred member (R7).
 */
export const promotionEarningAndBenefitsMigration: Migration = {
  name: '0008_promotion_earning_and_benefits',
  async up(db) {
    await db.schema.alterTable('points_ledger', (t) => {
      // Which rules gave the points (base, tier, promotions) and the programme version.
      t.jsonb('rules');
      t.integer('programme_version');
    });
    await db.schema.alterTable('purchase_lines', (t) => {
      // The line's share of tier and promotion bonus, already inside points_earned.
      t.integer('bonus_points').notNullable().defaultTo(0);
      t.jsonb('bonuses');
    });
    await db.schema.alterTable('purchases', (t) => {
      // The whole earn explanation: rules applied, rules not applied and why, the version.
      t.integer('programme_version');
      t.jsonb('earn');
    });
    await db.schema.createTable('member_benefits', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.text('kind').notNullable();
      // `2026` (birthday gift), `2026-Q1` (quarterly gift), `2026-03` (member day).
      t.text('period').notNullable();
      // available: granted, not claimed yet; claimed; withdrawn: its purchase was returned.
      t.text('status').notNullable();
      t.uuid('purchase_id');
      t.text('store_id');
      t.timestamp('granted_at', { useTz: true }).notNullable();
      t.timestamp('claimed_at', { useTz: true });
      t.text('claimed_store_id');
      // Each benefit is held (and claimed) at most once per member and period.
      t.unique(['member_id', 'kind', 'period']);
      t.index(['brand_id', 'member_id']);
    });
    await db.schema.createTable('referral_rewards', (t) => {
      // One reward per referred member, whatever the redeliveries.
      t.uuid('referred_member_id').primary();
      t.text('brand_id').notNullable();
      t.uuid('referrer_member_id').notNullable();
      t.uuid('adjustment_id').notNullable();
      t.integer('points').notNullable();
      t.integer('programme_version').notNullable();
      t.timestamp('rewarded_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('referral_rewards');
    await db.schema.dropTable('member_benefits');
    await db.schema.alterTable('purchases', (t) => {
      t.dropColumn('programme_version');
      t.dropColumn('earn');
    });
    await db.schema.alterTable('purchase_lines', (t) => {
      t.dropColumn('bonus_points');
      t.dropColumn('bonuses');
    });
    await db.schema.alterTable('points_ledger', (t) => {
      t.dropColumn('rules');
      t.dropColumn('programme_version');
    });
  },
};
