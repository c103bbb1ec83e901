import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAttributed, isHeldOut, lapseStateAt } from '../src/domain/lapse/lapse-policy';

const DAY = 24 * 3_600_000;
const policy = {
  atRiskAfterDays: 180,
  churnedAfterDays: 365,
  holdoutPercent: 10,
  attributionDays: 30,
};
const last = new Date('2026-01-01T02:00:00Z');
const after = (days: number) => new Date(last.getTime() + days * DAY);

describe('R9 lapse policy', () => {
  it('is active before the at-risk threshold, at risk from it, churned from the churn threshold', () => {
    expect(lapseStateAt(last, after(179.9), policy)).toBe('active');
    expect(lapseStateAt(last, after(180), policy)).toBe('at-risk');
    expect(lapseStateAt(last, after(364.9), policy)).toBe('at-risk');
    expect(lapseStateAt(last, after(365), policy)).toBe('churned');
  });

  it('credits a purchase to a touch only within the attribution window', () => {
    expect(isAttributed(last, after(30), policy)).toBe(true);
    expect(isAttributed(last, after(30.01), policy)).toBe(false);
  });

  it('holds out about the configured share of journeys, the same way every time', () => {
    const ids = Array.from({ length: 5_000 }, () => randomUUID());
    const held = ids.filter((id) => isHeldOut(id, 10)).length / ids.length;
    expect(held).toBeGreaterThan(0.08);
    expect(held).toBeLessThan(0.12);
    expect(ids.every((id) => isHeldOut(id, 10) === isHeldOut(id, 10))).toBe(true);
    expect(ids.some((id) => isHeldOut(id, 0))).toBe(false);
    expect(ids.every((id) => isHeldOut(id, 100))).toBe(true);
  });
});
