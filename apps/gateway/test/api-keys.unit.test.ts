import { describe, expect, it } from 'vitest';
import { authenticate, parseApiKeys } from '../src/domain/api-keys';

describe('API keys', () => {
  const clients = parseApiKeys('key-one-123=brand-a, key-two-456=brand-b');

  it('maps each key to its brand', () => {
    expect(authenticate(clients, 'key-one-123')).toMatchObject({ brandId: 'brand-a' });
    expect(authenticate(clients, 'key-two-456')).toMatchObject({ brandId: 'brand-b' });
    expect(authenticate(clients, 'key-one-123')?.keyId).not.toBe(
      authenticate(clients, 'key-two-456')?.keyId,
    );
  });

  it('admits nobody without a known key', () => {
    expect(authenticate(clients, undefined)).toBeUndefined();
    expect(authenticate(clients, 'key-one-12')).toBeUndefined();
  });

  it('refuses a malformed setting', () => {
    expect(() => parseApiKeys('just-a-key')).toThrow(/key=brandId/);
  });
});
