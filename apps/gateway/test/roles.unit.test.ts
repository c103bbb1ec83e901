import { describe, expect, it } from 'vitest';
import { refusal, type Access } from '../src/domain/roles';

const MEMBER_READ: Access = {
  roles: ['analyst', 'pos-device', 'integration'],
  scope: 'members:read',
};

describe('who may call a route', () => {
  it('admits a role the route lists', () => {
    expect(refusal({ roles: ['pos-device'] }, MEMBER_READ, 'GET')).toBeUndefined();
  });

  it('refuses a role the route does not list', () => {
    expect(refusal({ roles: ['associate'] }, MEMBER_READ, 'GET')).toMatch(/associate/);
  });

  it('lets an analyst only read, even where a route lists analysts', () => {
    expect(refusal({ roles: ['analyst'] }, MEMBER_READ, 'GET')).toBeUndefined();
    expect(refusal({ roles: ['analyst'] }, MEMBER_READ, 'POST')).toBeDefined();
  });

  it('admits an integration key only with the scope the route needs', () => {
    expect(
      refusal({ roles: ['integration'], scopes: ['members:read'] }, MEMBER_READ, 'GET'),
    ).toBeUndefined();
    expect(
      refusal({ roles: ['integration'], scopes: ['loyalty:read'] }, MEMBER_READ, 'GET'),
    ).toMatch(/members:read/);
  });
});
