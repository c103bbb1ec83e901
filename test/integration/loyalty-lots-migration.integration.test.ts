import { randomBytes, randomUUID } from 'node:crypto';
import { createDatabaseIfMissing, dropDatabase } from '@laoke/devstack';
import { createDatabase, migrateToLatest, type Database } from '@laoke/platform';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loyaltyMigrations } from '../../apps/loyalty/migrations';

const databaseName = `laoke_test_lots_${randomBytes(4).toString('hex')}`;
let db: Database;

beforeAll(async () => {
  db = createDatabase(await createDatabaseIfMissing(inject('postgresAdminUrl'), databaseName));
});
afterAll(async () => {
  await db?.destroy();
  await dropDatabase(inject('postgresAdminUrl'), databaseName);
});

describe('loyalty 0003: balances and purchases from before lots', () => {
  it('an existing balance becomes one spendable lot expiring at the end of the next year', async () => {
    const beforeLots = loyaltyMigrations.findIndex(
      (m) => m.name === '0003_purchase_lines_and_lots',
    );
    await migrateToLatest(db, loyaltyMigrations.slice(0, beforeLots));
    const [rich, empty] = [randomUUID(), randomUUID()];
    await db('points_accounts').insert([
      {
        member_id: rich,
        brand_id: 'b',
        balance: 1_234,
        lifetime_earned: 1_234,
        updated_at: new Date('2026-05-01T02:00:00Z'),
      },
      {
        member_id: empty,
        brand_id: 'b',
        balance: 0,
        lifetime_earned: 0,
        updated_at: new Date('2026-05-01T02:00:00Z'),
      },
    ]);

    const purchaseId = randomUUID();
    await db('purchases').insert({
      id: purchaseId,
      brand_id: 'b',
      store_id: 'SH-001',
      receipt_number: 'R-OLD',
      member_id: rich,
      amount_fen: 1_234_500,
      // The basket earned 1,234 points; its lines alone would give 1,233 (999 + 234).
      lines: JSON.stringify([
        { sku: 'A', name: 'a', quantity: 1, unitPriceFen: 999_900 },
        { sku: 'B', name: 'b', quantity: 3, unitPriceFen: 78_200 },
      ]),
      purchased_at: new Date('2026-05-01T02:00:00Z'),
      recorded_at: new Date('2026-05-01T02:00:00Z'),
    });
    await db('points_ledger').insert({
      id: randomUUID(),
      member_id: rich,
      brand_id: 'b',
      delta: 1_234,
      balance_after: 1_234,
      reason: 'purchase:base-1-point-per-10-yuan',
      purchase_id: purchaseId,
      created_at: new Date('2026-05-01T02:00:00Z'),
    });

    await migrateToLatest(db, loyaltyMigrations);

    expect(
      await db('purchase_lines')
        .where({ purchase_id: purchaseId })
        .orderBy('line_number')
        .select('line_number', 'sku', 'quantity', 'points_earned'),
    ).toEqual([
      { line_number: 1, sku: 'A', quantity: 1, points_earned: 1_000 },
      { line_number: 2, sku: 'B', quantity: 3, points_earned: 234 },
    ]);

    const lots = await db('points_lots').select('member_id', 'points', 'remaining', 'expires_at');
    expect(lots).toEqual([
      {
        member_id: rich,
        points: 1_234,
        remaining: 1_234,
        expires_at: new Date('2027-12-31T16:00:00Z'),
      },
    ]);
  });
});
