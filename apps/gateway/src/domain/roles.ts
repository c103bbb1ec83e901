/** Staff roles: what a person logged in at the gateway may be. */
export const STAFF_ROLES = [
  'brand-admin',
  'region-manager',
  'store-manager',
  'associate',
  'membership-officer',
  'analyst',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Every role a credential may carry: staff, a store's POS device, or an integration. */
export type Role = StaffRole | 'pos-device' | 'integration';

/** What an integration key may be granted; a route names the one it needs. */
export const SCOPES = [
  'members:read',
  'members:write',
  'organisation:read',
  'organisation:write',
  'loyalty:read',
  'loyalty:write',
  'campaigns:read',
  'campaigns:write',
  'notifications:read',
  'notifications:write',
  'reports:read',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Managing API clients and staff accounts: configured bootstrap keys only, never a created key. */
export const CREDENTIALS_SCOPE = 'credentials:manage';

/** What a route needs: one of these roles, and for an integration key this scope. */
export interface Access {
  roles: readonly Role[];
  scope: Scope | typeof CREDENTIALS_SCOPE;
}

export interface Caller {
  roles: readonly string[];
  scopes?: readonly string[];
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Why a caller may not call a route, or undefined when it may. An analyst only reads, whatever
 * a route lists; an integration key needs the route's scope besides its role.
 */
export function refusal(caller: Caller, access: Access, method: string): string | undefined {
  const granted = caller.roles.filter((role) => (access.roles as readonly string[]).includes(role));
  const usable = granted.filter(
    (role) =>
      (role !== 'analyst' || READ_METHODS.has(method)) &&
      (role !== 'integration' || (caller.scopes ?? []).includes(access.scope)),
  );
  if (usable.length > 0) return undefined;
  if (granted.includes('integration')) return `this API key lacks the scope ${access.scope}`;
  return `the role ${caller.roles.join(', ') || '(none)'} may not call this route`;
}
