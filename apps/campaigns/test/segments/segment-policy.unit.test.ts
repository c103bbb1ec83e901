import { describe, expect, it } from 'vitest';
import { batchBudget } from '../../src/domain/broadcasts/broadcast-policy';
import { DEFAULT_RFM_POLICY, rfmScores, thresholdsOf } from '../../src/domain/segments/rfm-policy';
import { checkCriteria } from '../../src/domain/segments/segment-criteria';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('RFM scores by the brand thresholds', () => {
  it('a member who never bought scores 1 on every axis', () => {
    expect(
      rfmScores({ lastPurchaseAt: null, purchaseCount: 0, spendFen: 0 }, now, DEFAULT_RFM_POLICY),
    ).toEqual({ recency: 1, frequency: 1, monetary: 1 });
  });

  it('each threshold reached adds one, on its boundary too', () => {
    expect(
      rfmScores(
        { lastPurchaseAt: daysAgo(30), purchaseCount: 8, spendFen: 5_000_000 },
        now,
        DEFAULT_RFM_POLICY,
      ),
    ).toEqual({ recency: 5, frequency: 5, monetary: 5 });
    expect(
      rfmScores(
        { lastPurchaseAt: daysAgo(181), purchaseCount: 3, spendFen: 499_999 },
        now,
        DEFAULT_RFM_POLICY,
      ),
    ).toEqual({ recency: 2, frequency: 3, monetary: 2 });
  });

  it('thresholds from settings must be four numbers in order', () => {
    expect(thresholdsOf('365,180,90,30', 'descending')).toEqual([365, 180, 90, 30]);
    expect(() => thresholdsOf('30,90,180,365', 'descending')).toThrow();
    expect(() => thresholdsOf('1,2,3', 'ascending')).toThrow();
  });
});

describe('broadcast throttle', () => {
  const policy = { ratePerSecond: 200, batchSize: 1000 };

  it('a first batch gets one second of the rate, later ones what the time since allows, at most a batch', () => {
    expect(batchBudget(policy, null, now)).toBe(200);
    expect(batchBudget(policy, new Date(now.getTime() - 2_500), now)).toBe(500);
    expect(batchBudget(policy, new Date(now.getTime() - 60_000), now)).toBe(1000);
    expect(batchBudget(policy, now, now)).toBe(0);
  });
});

describe('segment criteria', () => {
  it('a range whose max is below its min is refused naming its max', () => {
    expect(() => checkCriteria({ purchaseCount: { min: 3, max: 2 } })).toThrow(
      expect.objectContaining({ field: 'criteria.purchaseCount.max' }) as Error,
    );
    expect(() => checkCriteria({ purchaseCount: { min: 2, max: 2 } })).not.toThrow();
  });
});
