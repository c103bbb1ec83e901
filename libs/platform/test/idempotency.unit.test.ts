import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../src/idempotency/idempotent-requests';
import { jsonDepth } from '../src/http/json-body';

describe('request fingerprints', () => {
  const sale = { storeId: 'SH-001', amountFen: 100, lines: [{ sku: 'A', quantity: 1 }] };

  it('the same request, properties in any order, has the same fingerprint', () => {
    const reordered = { lines: [{ quantity: 1, sku: 'A' }], amountFen: 100, storeId: 'SH-001' };
    expect(fingerprintOf('record-purchase', reordered)).toBe(
      fingerprintOf('record-purchase', sale),
    );
  });

  it('another body or another operation has another fingerprint', () => {
    expect(fingerprintOf('record-purchase', { ...sale, amountFen: 101 })).not.toBe(
      fingerprintOf('record-purchase', sale),
    );
    expect(fingerprintOf('record-return', sale)).not.toBe(fingerprintOf('record-purchase', sale));
  });
});

describe('JSON nesting depth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('"\\"{"')).toBe(0);
    expect(jsonDepth('['.repeat(5000) + ']'.repeat(5000))).toBe(5000);
  });
});
