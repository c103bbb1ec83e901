import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts personal data at rest (AES-256-GCM). The key is 32 bytes, base64 in config; the
 * stored form is `v1.<iv>.<tag>.<ciphertext>` so a later key rotation can add `v2`.
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash, for uniqueness checks and look-ups without decrypting. */
  fingerprint(plain: string): string;
}

export function createPiiCipher(base64Key: string): PiiCipher {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('PII_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'));
      return ['v1', ...parts].join('.');
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) {
        throw new Error('unrecognised encrypted value');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
    fingerprint(plain) {
      return createHmac('sha256', key).update(plain).digest('hex');
    },
  };
}

/** 13812345678 → 138****5678 */
export const maskMobile = (mobile: string): string =>
  mobile.length < 7 ? '*'.repeat(mobile.length) : `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
