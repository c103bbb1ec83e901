import { describe, expect, it } from 'vitest';
import { forwardedHeaders } from '../src/http/forwarding.routes';

describe('identity headers a service receives', () => {
  const client = { keyId: 'abc', brandId: 'brand-a', roles: ['integration'], actor: 'api-key:abc' };

  it('drops every x-laoke-* header the caller sent and the API key, and sets the brand', () => {
    const forwarded = forwardedHeaders(
      {
        'x-api-key': 'secret-key',
        'x-laoke-brand-id': 'brand-b',
        'x-laoke-roles': 'brand-admin',
        'X-Laoke-Actor': 'someone',
        'content-type': 'application/json',
      },
      client,
      'req-1',
    );

    expect(forwarded).toEqual({
      'content-type': 'application/json',
      'x-laoke-brand-id': 'brand-a',
      'x-request-id': 'req-1',
    });
  });
});
