import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  identityHeadersOf,
  mintInternalToken,
  verifyInternalToken,
} from '../src/http/internal-identity';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const now = new Date('2026-03-01T02:00:00Z');
const identity = {
  brandId: 'brand-a',
  roles: ['associate', 'store-manager'],
  actor: 'staff:42',
  requestId: 'req-1',
};
const secondsLater = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('the internal token', () => {
  it('vouches for the identity it was minted for, within its minute', () => {
    const token = mintInternalToken(identity, { secret, now });

    expect(verifyInternalToken(token, { secret, now: secondsLater(59) })).toEqual(identity);
  });

  it('is refused once expired', () => {
    const token = mintInternalToken(identity, { secret, now });

    expect(verifyInternalToken(token, { secret, now: secondsLater(60) })).toBeUndefined();
  });

  it('is refused when signed with another secret', () => {
    const token = mintInternalToken(identity, { secret: `${secret}-other`, now });

    expect(verifyInternalToken(token, { secret, now })).toBeUndefined();
  });

  it('is refused when its claims were changed after signing', () => {
    const [header, , signature] = mintInternalToken(identity, { secret, now }).split('.');
    const claims = { brand: 'brand-b', roles: ['brand-admin'], act: 'x', rid: 'r', exp: 2e9 };
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;

    expect(verifyInternalToken(forged, { secret, now })).toBeUndefined();
  });

  it('is refused when it names another algorithm, even correctly signed', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url');
    const payload = mintInternalToken(identity, { secret, now }).split('.')[1];
    const input = `${header}.${payload}`;
    const signature = createHmac('sha512', secret).update(input).digest('base64url');

    expect(verifyInternalToken(`${input}.${signature}`, { secret, now })).toBeUndefined();
    expect(verifyInternalToken(`${input}.`, { secret, now })).toBeUndefined();
  });

  it('is refused when it is not a token at all', () => {
    for (const garbage of ['', 'a.b', 'a.b.c.d', '...', 'not a token'])
      expect(verifyInternalToken(garbage, { secret, now })).toBeUndefined();
  });

  it('gives the routes the identity headers they read, the store only when there is one', () => {
    expect(identityHeadersOf(identity)).toEqual({
      'x-laoke-brand-id': 'brand-a',
      'x-laoke-roles': 'associate,store-manager',
      'x-laoke-actor': 'staff:42',
    });
    expect(identityHeadersOf({ ...identity, storeId: 'SH-001' })).toMatchObject({
      'x-laoke-store-id': 'SH-001',
    });
  });
});
