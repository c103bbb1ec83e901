import { describe, expect, it } from 'vitest';
import { planReassignment } from '../src/domain/associates/reassignment-policy';

describe('R2: who serves a leaver’s members next', () => {
  it('when associates have different loads, then each member goes to the least loaded at that moment, ties by staff id', () => {
    const plan = planReassignment(
      ['m1', 'm2', 'm3', 'm4', 'm5'],
      [
        { staffId: 'b', role: 'associate', load: 2 },
        { staffId: 'a', role: 'associate', load: 4 },
        { staffId: 'mgr', role: 'store-manager', load: 0 },
      ],
    );
    // b: 2→3 (m1), 3→4 (m2); then a and b tie at 4: a (m3), b (m4), a (m5).
    expect([...plan.values()]).toEqual(['b', 'b', 'a', 'b', 'a']);
  });

  it('when no associate is left, then the least loaded store manager takes them all', () => {
    const plan = planReassignment(
      ['m1', 'm2'],
      [
        { staffId: 'mgr-2', role: 'store-manager', load: 9 },
        { staffId: 'mgr-1', role: 'store-manager', load: 3 },
      ],
    );
    expect([...plan.values()]).toEqual(['mgr-1', 'mgr-1']);
  });

  it('when the store has nobody left, then every member is unassigned (null)', () => {
    expect([...planReassignment(['m1', 'm2'], []).values()]).toEqual([null, null]);
  });
});
