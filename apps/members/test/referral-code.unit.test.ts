import { describe, expect, it } from 'vitest';
import { normaliseReferralCode, randomReferralCode } from '../src/domain/referral-code';

describe('R7: referral codes', () => {
  it('are 8 Crockford base32 characters, never I, L, O or U', () => {
    for (let i = 0; i < 1_000; i += 1)
      expect(randomReferralCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('read what a clerk typed in any case, O as zero and I or L as one', () => {
    expect(normaliseReferralCode('7k3mo9il')).toBe('7K3M0911');
  });
});
