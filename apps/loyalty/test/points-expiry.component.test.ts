import { aTestClock, eventually } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDuePoints } from '../src/domain/expire-points.job';
import { aSale, startLoyalty, type LoyaltyApi } from './loyalty-under-test';

// This file moves time across years, so it runs its own service.
const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));
let api: LoyaltyApi;

beforeAll(async () => {
  api = await startLoyalty(clock, { LOYALTY_POINTS_PENDING_DAYS: 7 });
});
afterAll(() => api?.close());

describe('R4: pending points and expiry', () => {
  it('points are spendable after the pending days, expire at the end of the next year, and expired points cannot be spent', async () => {
    const memberId = await api.aMember();
    await api.buy(aSale(memberId, [{ sku: 'RING', unitPriceFen: 1_500_000 }]));
    const reward = (await api.post('/v1/rewards', { name: 'gift', pointsCost: 1_000 }, null)).json<{
      rewardId: string;
    }>();
    const reserve = () =>
      api.post('/v1/redemptions', {
        memberId,
        rewardId: reward.rewardId,
        storeId: 'SH-001',
        item: { sku: 'GIFT', listPriceFen: 10_000, onSale: false },
      });

    expect(await api.points(memberId)).toMatchObject({ balance: 1_500, spendable: 0 });
    expect((await reserve()).statusCode).toBe(409);

    clock.advance({ days: 7 });
    expect(await api.points(memberId)).toMatchObject({ spendable: 1_500 });

    // 31 Dec 2027, 23:59 in Shanghai: still spendable; one minute later they are gone.
    clock.set(new Date('2027-12-31T15:59:00Z'));
    expect(await api.points(memberId)).toMatchObject({ balance: 1_500, spendable: 1_500 });
    clock.set(new Date('2027-12-31T16:00:00Z'));
    expect(await api.points(memberId)).toMatchObject({ spendable: 0 });
    expect((await reserve()).statusCode).toBe(409);

    await eventually(async () =>
      expect(await api.points(memberId)).toMatchObject({ balance: 0, spendable: 0 }),
    );
    expect((await api.ledger(memberId)).map((e) => [e.kind, e.delta])).toEqual([
      ['earn', 1_500],
      ['expire', -1_500],
    ]);
    const [expired, ...more] = await api.eventsOf(memberId, 'points.expired');
    expect(more).toHaveLength(0);
    expect(expired?.payload).toMatchObject({
      data: { memberId, points: 1_500, balance: 0, expiredAt: '2027-12-31T16:00:00.000Z' },
    });
  });

  it('several replicas expiring at once expire each lot once', async () => {
    const members = await Promise.all(Array.from({ length: 5 }, () => api.aMember()));
    for (const memberId of members) {
      await api.buy(aSale(memberId, [{ sku: 'A', unitPriceFen: 100_000 }]));
    }
    await api.db('points_lots').whereIn('member_id', members).update({ expires_at: clock.now() });

    await Promise.all(Array.from({ length: 4 }, () => expireDuePoints({ db: api.db, clock }, 100)));

    await eventually(async () => {
      for (const memberId of members) {
        expect(await api.points(memberId)).toMatchObject({ balance: 0 });
      }
    });
    const expiries = await api
      .db('points_ledger')
      .whereIn('member_id', members)
      .andWhere({ kind: 'expire' });
    expect(expiries).toHaveLength(5);
  });
});
