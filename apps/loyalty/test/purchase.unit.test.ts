import { describe, expect, it } from 'vitest';
import {
  purchaseTimeProblem,
  requestFingerprint,
  type PurchaseInput,
} from '../src/domain/purchase';

const sale: PurchaseInput = {
  storeId: 'SH-001',
  receiptNumber: 'R1',
  memberId: '01900000-0000-7000-8000-000000000001',
  amountFen: 100_00,
  lines: [{ sku: 'A', name: 'Ring', quantity: 1, unitPriceFen: 100_00 }],
};

describe('purchase request identity', () => {
  it('when the same sale is sent again, then it has the same fingerprint', () => {
    expect(requestFingerprint({ ...sale })).toBe(requestFingerprint(sale));
  });

  it('when any part of the sale differs, then the fingerprint differs', () => {
    expect(requestFingerprint({ ...sale, amountFen: 100_01 })).not.toBe(requestFingerprint(sale));
    expect(requestFingerprint({ ...sale, receiptNumber: 'R2' })).not.toBe(requestFingerprint(sale));
  });
});

describe('purchase time', () => {
  const now = new Date('2026-11-24T08:00:00Z');
  it('accepts a sale made earlier or within a POS clock drift of five minutes', () => {
    expect(purchaseTimeProblem(new Date('2026-11-23T08:00:00Z'), now, 60)).toBeUndefined();
    expect(purchaseTimeProblem(new Date('2026-11-24T08:04:00Z'), now, 60)).toBeUndefined();
  });

  it('refuses a sale in the future', () => {
    expect(purchaseTimeProblem(new Date('2026-11-24T09:00:00Z'), now, 60)).toBe(
      'cannot be in the future',
    );
  });

  it('accepts a sale synced late up to the maximum age', () => {
    expect(purchaseTimeProblem(new Date('2026-09-25T08:00:00Z'), now, 60)).toBeUndefined();
  });

  it('refuses a sale older than the maximum age', () => {
    expect(purchaseTimeProblem(new Date('2026-09-25T07:59:00Z'), now, 60)).toBe(
      'cannot be more than 60 days ago',
    );
    expect(purchaseTimeProblem(new Date('1900-01-01T00:00:00Z'), now, 60)).toBeDefined();
  });
});
