import type { Migration } from '@laoke/platform';

export const referralsMigration: Migration = {
  name: '0013_referrals',
  async up(db) {
    // R7: who brought whom, and when the referred member's first purchase was welcomed.
    await db.schema.createTable('referrals', (t) => {
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.uuid('referrer_member_id').notNullable();
      t.timestamp('referred_at', { useTz: true }).notNullable();
      t.uuid('first_purchase_id');
      t.timestamp('welcomed_at', { useTz: true });
      t.primary(['brand_id', 'member_id']);
      t.index(['brand_id', 'referrer_member_id']);
    });
    // The first purchase this consumer saw per member: a purchase may arrive before the referral.
    await db.schema.createTable('member_first_purchases', (t) => {
      t.text('brand_id').notNullable();
      t.uuid('member_id').notNullable();
      t.uuid('purchase_id').notNullable();
      t.text('store_id').notNullable();
      t.timestamp('purchased_at', { useTz: true }).notNullable();
      t.primary(['brand_id', 'member_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('member_first_purchases');
    await db.schema.dropTable('referrals');
  },
};
