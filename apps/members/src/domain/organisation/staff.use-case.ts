import type { StaffRole } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  maskMobile,
  type BrandClock,
  type Database,
  type PageRequest,
  type PiiCipher,
  type Queryable,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { associatesRepository as associates } from '../../data/associates.repository';
import { orgUnitsRepository } from '../../data/org-units.repository';
import { staffRepository as staffMembers, type StaffFilter } from '../../data/staff.repository';
import { storesRepository as stores } from '../../data/stores.repository';
import { reassignLeaversMembers } from '../associates/reassign-leavers-members';
import { assertPlacement, type Staff } from './organisation';
import { staffLeft, staffUpserted } from './organisation-events';

export interface StaffDeps {
  db: Database;
  clock: BrandClock;
  pii: PiiCipher;
}

export interface StaffInput {
  name: string;
  role: StaffRole;
  storeId?: string | null;
  regionId?: string | null;
  /** Required when hiring; absent on an update means unchanged. */
  mobile?: string;
}

const staffNotFound = () =>
  new DomainError('STAFF_NOT_FOUND', 'no staff member has this id', {
    kind: 'not-found',
    field: 'staffId',
  });

/** The store must be one of this brand's and open; the region one of this brand's. */
async function assertWorkplace(
  trx: Queryable,
  brandId: string,
  storeId: string | null,
  regionId: string | null,
): Promise<void> {
  if (storeId) {
    const store = await stores.find(trx, brandId, storeId);
    if (!store)
      throw new DomainError('UNKNOWN_STORE', 'no store of this brand has this id', {
        kind: 'unknown-reference',
        field: 'storeId',
      });
    if (store.status === 'closed')
      throw new DomainError('STORE_CLOSED', 'staff cannot be placed in a closed store', {
        kind: 'rule',
        field: 'storeId',
      });
  }
  if (regionId && !(await orgUnitsRepository('regions').find(trx, brandId, regionId)))
    throw new DomainError('UNKNOWN_REGION', 'no region of this brand has this id', {
      kind: 'unknown-reference',
      field: 'regionId',
    });
}

/**
 * R12/R2: hires a staff member (no `staffId`) or changes one's role and placement. The mobile
 * is personal data: stored encrypted, shown masked. Someone who has left is not changed again.
 */
export async function saveStaff(
  deps: StaffDeps,
  brandId: string,
  input: StaffInput,
  correlationId: string,
  staffId?: string,
): Promise<{ staff: Staff; created: boolean }> {
  const storeId = input.storeId ?? null;
  const regionId = input.regionId ?? null;
  assertPlacement(input.role, storeId, regionId);
  if (!staffId && input.mobile === undefined)
    throw new DomainError('MOBILE_REQUIRED', 'a new staff member gives a mobile', {
      kind: 'invalid',
      field: 'mobile',
    });
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    const existing = staffId ? await staffMembers.lock(trx, brandId, staffId) : undefined;
    if (staffId && !existing) throw staffNotFound();
    if (existing?.status === 'left')
      throw new DomainError('STAFF_HAS_LEFT', 'this staff member has left', { kind: 'rule' });
    await assertWorkplace(trx, brandId, storeId, regionId);
    const mobile = input.mobile;
    const staff: Staff = {
      id: existing?.id ?? uuidv7(),
      brandId,
      name: input.name.trim(),
      role: input.role,
      storeId,
      regionId,
      mobileEncrypted: mobile ? deps.pii.encrypt(mobile) : (existing?.mobileEncrypted ?? ''),
      mobileFingerprint: mobile
        ? deps.pii.fingerprint(mobile)
        : (existing?.mobileFingerprint ?? ''),
      mobileMasked: mobile ? maskMobile(mobile) : (existing?.mobileMasked ?? ''),
      status: 'active',
      leftAt: null,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await staffMembers.save(trx, staff);
    await appendToOutbox(trx, [staffUpserted(staff, correlationId)]);
    return { staff, created: !existing };
  });
}

/**
 * R2: a staff member leaves. `staff.left` is emitted once, in the same transaction as the
 * reassignment of every member they served; asking again answers the same departure and emits
 * nothing, so a retry is harmless.
 */
export async function staffLeaves(
  deps: StaffDeps,
  brandId: string,
  staffId: string,
  correlationId: string,
): Promise<{ staff: Staff; changed: boolean }> {
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    await associates.lockBrandLoads(trx, brandId);
    const existing = await staffMembers.lock(trx, brandId, staffId);
    if (!existing) throw staffNotFound();
    if (existing.status === 'left') return { staff: existing, changed: false };
    const staff = { ...existing, status: 'left' as const, leftAt: now, updatedAt: now };
    const store = staff.storeId ? await stores.find(trx, brandId, staff.storeId) : undefined;
    await staffMembers.save(trx, staff);
    await appendToOutbox(trx, [
      staffUpserted(staff, correlationId),
      staffLeft(staff, store?.code ?? null, correlationId),
    ]);
    await reassignLeaversMembers(trx, staff, now, correlationId);
    return { staff, changed: true };
  });
}

export async function getStaff(deps: { db: Database }, brandId: string, id: string) {
  const staff = await staffMembers.find(deps.db, brandId, id);
  if (!staff) throw staffNotFound();
  return staff;
}

export const listStaff = (
  deps: { db: Database },
  brandId: string,
  filter: StaffFilter,
  page: PageRequest,
) => staffMembers.list(deps.db, brandId, filter, page);
