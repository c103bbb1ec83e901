import type { Migration } from '@laoke/platform';

/** Each member's tier, the purchases (and returns) that count towards it, and member facts (R3). */
export const tiersMigration: Migration = {
  name: '0007_tiers',
  async up(db) {
    await db.schema.createTable('member_tiers', (t) => {
      t.uuid('member_id').primary();
      t.text('brand_id').notNullable();
      t.text('tier_code');
      t.timestamp('since', { useTz: true }).notNullable();
      t.timestamp('period_end', { useTz: true }).notNullable();
      // period_end plus the programme's grace days: when the review job looks at the member.
      t.timestamp('review_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.index(['brand_id', 'review_at']);
    });
    await db.schema.createTable('tier_progress', (t) => {
      t.uuid('id').primary();
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.uuid('purchase_id').notNullable();
      // Negative for a return; `purchases` is -1 when a whole purchase was returned.
      t.bigInteger('amount_fen').notNullable();
      t.integer('purchases').notNullable();
      t.timestamp('occurred_at', { useTz: true }).notNullable();
      t.index(['member_id', 'occurred_at']);
    });
    // Projection of member.* facts the programme reads: birthday promotions, membership year.
    await db.schema.createTable('programme_members', (t) => {
      t.uuid('member_id').primary();
      t.text('brand_id').notNullable();
      t.date('birthday');
      t.timestamp('registered_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('programme_members');
    await db.schema.dropTable('tier_progress');
    await db.schema.dropTable('member_tiers');
  },
};
