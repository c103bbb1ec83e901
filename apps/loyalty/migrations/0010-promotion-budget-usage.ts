import type { Migration } from '@laoke/platform';

/**
 * A running total per budgeted promotion, so a purchase reads one row instead of summing every
 * award the promotion ever gave (which grew with every purchase of the brand).
 */
export const promotionBudgetUsageMigration: Migration = {
  name: '0010_promotion_budget_usage',
  async up(db) {
    await db.schema.createTable('promotion_budget_usage', (t) => {
      t.text('brand_id').notNullable();
      t.text('promotion_id').notNullable();
      t.bigInteger('awarded').notNullable();
      t.primary(['brand_id', 'promotion_id']);
    });
    await db.raw(
      `insert into promotion_budget_usage (brand_id, promotion_id, awarded)
       select brand_id, promotion_id, sum(points) from promotion_awards group by 1, 2`,
    );
  },
  async down(db) {
    await db.schema.dropTable('promotion_budget_usage');
  },
};
