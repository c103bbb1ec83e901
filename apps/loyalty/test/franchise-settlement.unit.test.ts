import { describe, expect, it } from 'vitest';
import { settleBetweenFranchisees } from '../src/domain/reports/franchise-settlement';

const owners: Record<string, string | null> = {
  'A-1': 'fa',
  'A-2': 'fa',
  'B-1': 'fb',
  'H-1': null,
};
const franchiseeOf = (store: string) => owners[store] ?? null;

describe('R12: franchise settlement', () => {
  it('R12: flows both ways between two franchisees are netted: the one whose points were redeemed more pays', () => {
    const settlements = settleBetweenFranchisees(
      [
        { earnedAt: 'B-1', redeemedAt: 'A-1', points: 100 },
        { earnedAt: 'A-1', redeemedAt: 'B-1', points: 250 },
        { earnedAt: 'A-2', redeemedAt: 'B-1', points: 50 },
        { earnedAt: 'A-1', redeemedAt: 'A-2', points: 999 },
      ],
      franchiseeOf,
      20,
    );

    expect(settlements).toEqual([
      {
        payerFranchiseeId: 'fa',
        payeeFranchiseeId: 'fb',
        pointsOwed: 300,
        pointsOwedBack: 100,
        netPoints: 200,
        netFen: 4_000,
      },
    ]);
  });

  it("R12: head office's own stores (and stores not known yet) settle as head office", () => {
    const settlements = settleBetweenFranchisees(
      [
        { earnedAt: 'H-1', redeemedAt: 'B-1', points: 40 },
        { earnedAt: 'B-1', redeemedAt: 'UNKNOWN', points: 40 },
      ],
      franchiseeOf,
      20,
    );

    expect(settlements).toEqual([
      {
        payerFranchiseeId: null,
        payeeFranchiseeId: 'fb',
        pointsOwed: 40,
        pointsOwedBack: 40,
        netPoints: 0,
        netFen: 0,
      },
    ]);
  });
});
