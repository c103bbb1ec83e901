import { describe, expect, it } from 'vitest';
import { parseProviderRateLimits } from '../src/domain/provider-rate-limit';

describe('PROVIDER_RATE_LIMITS', () => {
  it('reads messages per second per provider; a provider not named has no limit', () => {
    expect(parseProviderRateLimits('sms-primary=50, sms-secondary=20')).toEqual({
      'sms-primary': 50,
      'sms-secondary': 20,
    });
    expect(parseProviderRateLimits('')).toEqual({});
  });

  it('refuses an entry that is not provider=messagesPerSecond, naming it', () => {
    expect(() => parseProviderRateLimits('sms-primary=50,sms-secondary')).toThrow(
      '"sms-secondary"',
    );
    expect(() => parseProviderRateLimits('sms-primary=0')).toThrow('"sms-primary=0"');
  });
});
