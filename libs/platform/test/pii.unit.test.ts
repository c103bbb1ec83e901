import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPiiCipher, maskMobile } from '../src/pii/pii';

const cipher = createPiiCipher(randomBytes(32).toString('base64'));

describe('personal data protection', () => {
  it('encrypts so the stored value never contains the mobile, and decrypts it back', () => {
    const stored = cipher.encrypt('13812345678');
    expect(stored).not.toContain('13812345678');
    expect(cipher.decrypt(stored)).toBe('13812345678');
  });

  it('gives a different ciphertext each time, but the same fingerprint', () => {
    expect(cipher.encrypt('13812345678')).not.toBe(cipher.encrypt('13812345678'));
    expect(cipher.fingerprint('13812345678')).toBe(cipher.fingerprint('13812345678'));
  });

  it('detects a tampered value', () => {
    const [version, iv, tag, body] = cipher.encrypt('13812345678').split('.');
    const flipped = body?.startsWith('A') ? 'B' : 'A';
    const tampered = [version, iv, tag, `${flipped}${body?.slice(1)}`].join('.');
    expect(() => cipher.decrypt(tampered)).toThrow();
  });

  it('cannot be read with another key', () => {
    const other = createPiiCipher(randomBytes(32).toString('base64'));
    expect(() => other.decrypt(cipher.encrypt('13812345678'))).toThrow();
  });

  it('refuses a key of the wrong length', () => {
    expect(() => createPiiCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('masks a mobile to its first three and last four digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});
