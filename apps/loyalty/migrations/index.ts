import { idempotencyMigrations, type Migration } from '@laoke/platform';
import { programmeVersionsMigration } from './0006-programme-versions';
import { tiersMigration } from './0007-tiers';
import { reportsAndDrawsMigration } from './0009-reports-and-draws';
import { promotionEarningAndBenefitsMigration } from './0008-promotion-earning-and-benefits';
import { promotionBudgetUsageMigration } from './0010-promotion-budget-usage';

export const loyaltyMigrations: Migration[] = [
  ...idempotencyMigrations,
  {
    name: '0001_purchases_and_points',
    async up(db) {
      // Projection of members.events: who may earn points, per brand.
      await db.schema.createTable('known_members', (t) => {
        t.uuid('member_id').primary();
        t.text('brand_id').notNullable();
        t.text('home_store_id').notNullable();
        t.timestamp('registered_at', { useTz: true }).notNullable();
      });
      await db.schema.createTable('purchases', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.text('store_id').notNullable();
        t.text('receipt_number').notNullable();
        t.uuid('member_id').notNullable();
        t.bigInteger('amount_fen').notNullable();
        t.jsonb('lines').notNullable();
        t.timestamp('purchased_at', { useTz: true }).notNullable();
        t.timestamp('recorded_at', { useTz: true }).notNullable();
        // Natural key of a POS sale: one receipt is recorded once.
        t.unique(['brand_id', 'store_id', 'receipt_number']);
        t.index(['member_id', 'purchased_at']);
      });
      await db.raw(
        'alter table purchases add constraint purchases_amount_not_negative check (amount_fen >= 0)',
      );
      await db.schema.createTable('points_accounts', (t) => {
        t.uuid('member_id').primary();
        t.text('brand_id').notNullable();
        t.bigInteger('balance').notNullable();
        t.bigInteger('lifetime_earned').notNullable();
        t.timestamp('updated_at', { useTz: true }).notNullable();
      });
      await db.schema.createTable('points_ledger', (t) => {
        t.uuid('id').primary();
        t.uuid('member_id').notNullable();
        t.text('brand_id').notNullable();
        t.integer('delta').notNullable();
        t.bigInteger('balance_after').notNullable();
        t.text('reason').notNullable();
        t.uuid('purchase_id');
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['member_id', 'created_at']);
      });
      await db.schema.createTable('idempotency_keys', (t) => {
        t.text('brand_id').notNullable();
        t.text('key').notNullable();
        t.text('request_fingerprint').notNullable();
        t.integer('response_status');
        t.jsonb('response_body');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.primary(['brand_id', 'key']);
      });
    },
    async down(db) {
      for (const table of [
        'idempotency_keys',
        'points_ledger',
        'points_accounts',
        'purchases',
        'known_members',
      ]) {
        await db.schema.dropTable(table);
      }
    },
  },
  {
    // Idempotency keys moved to the platform's idempotent_requests table.
    name: '0002_drop_loyalty_idempotency_keys',
    async up(db) {
      await db.schema.dropTable('idempotency_keys');
    },
    async down(db) {
      await db.schema.createTable('idempotency_keys', (t) => {
        t.text('brand_id').notNullable();
        t.text('key').notNullable();
        t.text('request_fingerprint').notNullable();
        t.integer('response_status');
        t.jsonb('response_body');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        t.primary(['brand_id', 'key']);
      });
    },
  },
  {
    name: '0003_purchase_lines_and_lots',
    async up(db) {
      await db.schema.alterTable('purchases', (t) => {
        // What the sale said, so a resend of the same receipt under a new key gets its result.
        t.text('content_fingerprint');
        t.jsonb('result');
      });
      await db.schema.createTable('purchase_lines', (t) => {
        t.uuid('purchase_id').notNullable().references('purchases.id');
        t.integer('line_number').notNullable();
        t.text('sku').notNullable();
        t.text('category');
        t.bigInteger('list_price_fen');
        t.bigInteger('unit_price_fen').notNullable();
        t.integer('quantity').notNullable();
        t.boolean('on_sale').notNullable();
        t.integer('points_earned').notNullable();
        t.integer('returned_quantity').notNullable().defaultTo(0);
        t.integer('points_reversed').notNullable().defaultTo(0);
        t.primary(['purchase_id', 'line_number']);
      });
      await db.raw(
        'alter table purchase_lines add constraint purchase_lines_returned_within_bought check (returned_quantity between 0 and quantity)',
      );
      await db.schema.createTable('purchase_returns', (t) => {
        t.uuid('id').primary();
        t.uuid('purchase_id').notNullable().references('purchases.id');
        t.text('brand_id').notNullable();
        t.jsonb('lines').notNullable();
        t.integer('points_reversed').notNullable();
        t.timestamp('returned_at', { useTz: true }).notNullable();
        t.index(['purchase_id']);
      });
      await db.schema.alterTable('points_accounts', (t) => {
        // Points taken from lots for redemptions not yet confirmed; still part of the balance.
        t.bigInteger('held').notNullable().defaultTo(0);
        // Points reversed after they were spent; paid off first by the next points credited.
        t.bigInteger('debt').notNullable().defaultTo(0);
      });
      await db.schema.alterTable('points_ledger', (t) => {
        t.text('kind').notNullable().defaultTo('earn');
        t.uuid('return_id');
      });
      await db.schema.createTable('points_lots', (t) => {
        t.uuid('id').primary();
        t.uuid('member_id').notNullable();
        t.text('brand_id').notNullable();
        t.uuid('purchase_id');
        t.integer('points').notNullable();
        t.integer('remaining').notNullable();
        t.timestamp('spendable_from', { useTz: true }).notNullable();
        t.timestamp('expires_at', { useTz: true }).notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['member_id', 'expires_at']);
      });
      await db.raw(
        'alter table points_lots add constraint points_lots_remaining_within_points check (remaining between 0 and points)',
      );
      // The expiry job looks only at lots that still hold points.
      await db.raw(
        'create index points_lots_due on points_lots (brand_id, expires_at) where remaining > 0',
      );
      // Purchases from before keep their lines, so they can be returned: each line gets its
      // own points rounded down, and the first line also what the basket earned beyond that.
      await db.raw(`
        insert into purchase_lines
          (purchase_id, line_number, sku, unit_price_fen, quantity, on_sale, points_earned)
        select p.id, l.n, l.e->>'sku', (l.e->>'unitPriceFen')::bigint, (l.e->>'quantity')::int,
               false,
               ((l.e->>'unitPriceFen')::bigint * (l.e->>'quantity')::bigint / 1000)::int
                 + case when l.n = 1 then greatest(
                     coalesce((select sum(delta) from points_ledger where purchase_id = p.id), 0)
                     - (select coalesce(sum((x->>'unitPriceFen')::bigint
                                            * (x->>'quantity')::bigint / 1000), 0)
                        from jsonb_array_elements(p.lines) x), 0)::int
                   else 0 end
        from purchases p
        cross join lateral jsonb_array_elements(p.lines) with ordinality as l(e, n)`);
      // Balances earned before lots existed become one lot each, under the default policy
      // (end of the year after the last change, Shanghai time), so they stay spendable.
      await db.raw(`
        insert into points_lots
          (id, member_id, brand_id, purchase_id, points, remaining, spendable_from, expires_at, created_at)
        select gen_random_uuid(), member_id, brand_id, null, balance, balance, updated_at,
               (date_trunc('year', updated_at at time zone 'Asia/Shanghai') + interval '2 years')
                 at time zone 'Asia/Shanghai',
               updated_at
        from points_accounts where balance > 0`);
    },
    async down(db) {
      await db.schema.dropTable('points_lots');
      await db.schema.alterTable('points_ledger', (t) => {
        t.dropColumn('kind');
        t.dropColumn('return_id');
      });
      await db.schema.alterTable('points_accounts', (t) => {
        t.dropColumn('held');
        t.dropColumn('debt');
      });
      await db.schema.dropTable('purchase_returns');
      await db.schema.dropTable('purchase_lines');
      await db.schema.alterTable('purchases', (t) => {
        t.dropColumn('content_fingerprint');
        t.dropColumn('result');
      });
    },
  },
  {
    name: '0004_rewards_and_redemptions',
    async up(db) {
      await db.schema.createTable('rewards', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.text('name').notNullable();
        t.integer('points_cost').notNullable();
        t.bigInteger('list_price_cap_fen');
        t.boolean('non_sale_only').notNullable();
        t.timestamp('valid_from', { useTz: true }).notNullable();
        t.timestamp('valid_until', { useTz: true });
        t.boolean('active').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['brand_id', 'created_at']);
      });
      await db.schema.createTable('reward_stock', (t) => {
        t.uuid('reward_id').notNullable().references('rewards.id');
        t.text('store_id').notNullable();
        t.integer('remaining').notNullable();
        t.primary(['reward_id', 'store_id']);
      });
      await db.raw(
        'alter table reward_stock add constraint reward_stock_not_negative check (remaining >= 0)',
      );
      await db.schema.createTable('redemptions', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.uuid('reward_id').notNullable().references('rewards.id');
        t.text('store_id').notNullable();
        t.integer('points').notNullable();
        t.jsonb('item').notNullable();
        t.text('status').notNullable();
        t.timestamp('reserved_at', { useTz: true }).notNullable();
        t.timestamp('hold_until', { useTz: true }).notNullable();
        t.timestamp('settled_at', { useTz: true });
        t.boolean('stock_taken').notNullable();
        t.index(['member_id', 'reserved_at']);
      });
      await db.raw(
        "create index redemptions_held on redemptions (hold_until) where status = 'reserved'",
      );
      // Which lots a reservation drew from, so a cancel puts the points back where they were.
      await db.schema.createTable('redemption_draws', (t) => {
        t.uuid('redemption_id').notNullable().references('redemptions.id');
        t.uuid('lot_id').notNullable().references('points_lots.id');
        t.integer('points').notNullable();
        t.primary(['redemption_id', 'lot_id']);
      });
      await db.schema.alterTable('points_ledger', (t) => t.uuid('redemption_id'));
    },
    async down(db) {
      await db.schema.alterTable('points_ledger', (t) => t.dropColumn('redemption_id'));
      for (const table of ['redemption_draws', 'redemptions', 'reward_stock', 'rewards']) {
        await db.schema.dropTable(table);
      }
    },
  },
  {
    name: '0005_adjustments',
    async up(db) {
      await db.schema.createTable('points_adjustments', (t) => {
        t.uuid('id').primary();
        t.text('brand_id').notNullable();
        t.uuid('member_id').notNullable();
        t.integer('points').notNullable();
        t.text('reason').notNullable();
        t.text('actor').notNullable();
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['member_id', 'created_at']);
      });
      await db.schema.alterTable('points_ledger', (t) => t.uuid('adjustment_id'));
    },
    async down(db) {
      await db.schema.alterTable('points_ledger', (t) => t.dropColumn('adjustment_id'));
      await db.schema.dropTable('points_adjustments');
    },
  },
  programmeVersionsMigration,
  tiersMigration,
  promotionEarningAndBenefitsMigration,
  reportsAndDrawsMigration,
  promotionBudgetUsageMigration,
];
