import { INTERNAL_TOKEN_HEADER, verifyInternalToken } from '@laoke/platform';
import { describe, expect, it } from 'vitest';
import { forwardedHeaders } from '../src/http/forwarding.routes';

describe('identity headers a service receives', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const now = new Date('2026-03-01T02:00:00Z');
  const client = {
    keyId: 'abc',
    brandId: 'brand-a',
    storeId: 'SH-001',
    roles: ['pos-device'],
    actor: 'api-key:abc',
  };

  it('drops every x-laoke-* header the caller sent, its API key and its bearer token, and sends a token for the client', () => {
    const forwarded = forwardedHeaders(
      {
        'x-api-key': 'secret-key',
        authorization: 'Bearer staff-access-token',
        'x-laoke-brand-id': 'brand-b',
        'x-laoke-roles': 'brand-admin',
        'X-Laoke-Actor': 'someone',
        'content-type': 'application/json',
      },
      client,
      'req-1',
      { secret, now },
    );

    const { [INTERNAL_TOKEN_HEADER]: token, ...others } = forwarded as Record<string, string>;
    expect(others).toEqual({ 'content-type': 'application/json', 'x-request-id': 'req-1' });
    expect(verifyInternalToken(token ?? '', { secret, now })).toEqual({
      brandId: 'brand-a',
      storeId: 'SH-001',
      roles: ['pos-device'],
      actor: 'api-key:abc',
      requestId: 'req-1',
    });
  });

  it('sends no token for a request without an authenticated client', () => {
    const forwarded = forwardedHeaders({ 'x-laoke-internal-token': 'forged' }, undefined, 'r', {
      secret,
      now,
    });

    expect(forwarded).toEqual({ 'x-request-id': 'r' });
  });
});
