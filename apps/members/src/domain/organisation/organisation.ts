import type { Locale, StaffRole, StaffStatus, StoreOwnership, StoreStatus } from '@laoke/contracts';
import { DomainError } from '@laoke/platform';

/** R12: a franchise brand as head office sets it up (brand → region → franchisee → store → staff). */
export interface Brand {
  id: string;
  name: string;
  timeZone: string;
  defaultLocale: Locale;
  smsSignature: string;
  programmeSettings: Record<string, unknown>;
  /** A sandbox brand's clock is set and advanced through the API (brand-clock.use-case.ts). */
  sandbox: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A region or a franchisee (the company that owns franchised stores): a named unit of a brand. */
export interface OrgUnit {
  id: string;
  brandId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Store {
  id: string;
  brandId: string;
  code: string;
  name: string;
  ownership: StoreOwnership;
  franchiseeId: string | null;
  regionId: string | null;
  address: string | null;
  /** Overrides the brand's time zone for this store's calendar. */
  timeZone: string | null;
  status: StoreStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface Staff {
  id: string;
  brandId: string;
  name: string;
  role: StaffRole;
  storeId: string | null;
  regionId: string | null;
  mobileEncrypted: string;
  mobileFingerprint: string;
  mobileMasked: string;
  status: StaffStatus;
  leftAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Roles that work in one store, and the one that looks after a region. */
export const STORE_ROLES: readonly StaffRole[] = [
  'store-manager',
  'associate',
  'membership-officer',
];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Schedules are evaluated in this zone, so only a zone the runtime knows is accepted. */
export function assertTimeZone(zone: string | null | undefined, field = 'timeZone'): void {
  if (zone === null || zone === undefined || isTimeZone(zone)) return;
  throw new DomainError('UNKNOWN_TIME_ZONE', 'must be an IANA time zone, e.g. Asia/Shanghai', {
    kind: 'invalid',
    field,
  });
}

/** A store is franchised exactly when a franchisee owns it. */
export function assertOwnership(ownership: StoreOwnership, franchiseeId: string | null): void {
  if (ownership === 'franchised' && franchiseeId === null)
    throw new DomainError('FRANCHISEE_REQUIRED', 'a franchised store names its franchisee', {
      kind: 'invalid',
      field: 'franchiseeId',
    });
  if (ownership === 'head-office' && franchiseeId !== null)
    throw new DomainError('FRANCHISEE_NOT_ALLOWED', 'a head-office store has no franchisee', {
      kind: 'invalid',
      field: 'franchiseeId',
    });
}

/** Store roles work in a store; a region manager looks after a region. */
export function assertPlacement(
  role: StaffRole,
  storeId: string | null,
  regionId: string | null,
): void {
  if (STORE_ROLES.includes(role) && storeId === null)
    throw new DomainError('STORE_REQUIRED', `a ${role} works in a store`, {
      kind: 'invalid',
      field: 'storeId',
    });
  if (role === 'region-manager' && regionId === null)
    throw new DomainError('REGION_REQUIRED', 'a region manager looks after a region', {
      kind: 'invalid',
      field: 'regionId',
    });
}

export const MAX_PROGRAMME_SETTINGS_BYTES = 64 * 1024;

/** Programme settings are opaque here, but bounded and storable (PostgreSQL refuses \u0000). */
export function assertProgrammeSettings(settings: Record<string, unknown>): void {
  const json = JSON.stringify(settings);
  if (Buffer.byteLength(json) > MAX_PROGRAMME_SETTINGS_BYTES)
    throw new DomainError(
      'PROGRAMME_SETTINGS_TOO_LARGE',
      `must be at most ${MAX_PROGRAMME_SETTINGS_BYTES} bytes as JSON`,
      { kind: 'invalid', field: 'programmeSettings' },
    );
  if (json.includes('\\u0000'))
    throw new DomainError('CONTROL_CHARACTER', 'must not contain NUL characters', {
      kind: 'invalid',
      field: 'programmeSettings',
    });
}
