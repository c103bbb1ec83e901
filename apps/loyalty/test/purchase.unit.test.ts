import { describe, expect, it } from 'vitest';
import { purchaseTimeProblem } from '../src/domain/purchase';

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
