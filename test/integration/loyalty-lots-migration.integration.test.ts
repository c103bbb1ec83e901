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

describe('loyalty 0003: balances from before lots', () => {
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

    await migrateToLatest(db, loyaltyMigrations);

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
