import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ApiClient } from './api-keys';

/** What an access token says of a logged-in staff member; signed, so the client cannot change it. */
interface AccessClaims {
  sub: string;
  brandId: string;
  storeId?: string;
  roles: string[];
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = encode({ alg: 'HS256', typ: 'JWT' });

const signatureOf = (secret: Buffer, signed: string) =>
  createHmac('sha256', secret).update(signed).digest();

/** A compact HS256 JWT: any JWT library can read it, only the gateway's key signs it. */
export function signAccessToken(
  secret: Buffer,
  account: { id: string; brandId: string; storeId: string | null; role: string },
  expiresAt: Date,
): string {
  const claims: AccessClaims = {
    sub: account.id,
    brandId: account.brandId,
    ...(account.storeId !== null && { storeId: account.storeId }),
    roles: [account.role],
    exp: Math.floor(expiresAt.getTime() / 1000),
  };
  const signed = `${HEADER}.${encode(claims)}`;
  return `${signed}.${signatureOf(secret, signed).toString('base64url')}`;
}

/** The caller a valid, unexpired access token stands for; undefined for anything else. */
export function verifyAccessToken(secret: Buffer, token: string, now: Date): ApiClient | undefined {
  const [header, payload, signature] = token.split('.');
  if (header !== HEADER || !payload || !signature) return undefined;
  const expected = signatureOf(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessClaims;
  if (claims.exp * 1000 <= now.getTime()) return undefined;
  return {
    keyId: `staff:${claims.sub}`,
    brandId: claims.brandId,
    ...(claims.storeId !== undefined && { storeId: claims.storeId }),
    roles: claims.roles,
    actor: `staff:${claims.sub}`,
  };
}
