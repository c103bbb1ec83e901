import type { StoreOwnership, StoreStatus } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  type BrandClock,
  type Database,
  type PageRequest,
  type Queryable,
} from '@laoke/platform';
import { validate as isUuid, v7 as uuidv7 } from 'uuid';
import { orgUnitsRepository } from '../../data/org-units.repository';
import { storesRepository as stores, type StoreFilter } from '../../data/stores.repository';
import { assertOwnership, assertTimeZone, type Store } from './organisation';
import { storeUpserted } from './organisation-events';

export interface StoreDeps {
  db: Database;
  clock: BrandClock;
}

export interface StoreInput {
  code: string;
  name: string;
  ownership: StoreOwnership;
  franchiseeId?: string | null;
  regionId?: string | null;
  address?: string | null;
  timeZone?: string | null;
  status?: StoreStatus;
}

export const storeNotFound = () =>
  new DomainError('STORE_NOT_FOUND', 'no store has this id', {
    kind: 'not-found',
    field: 'storeId',
  });

/** A region or franchisee named in the body must be one of this brand's. */
async function assertKnown(
  trx: Queryable,
  brandId: string,
  references: { regionId: string | null; franchiseeId: string | null },
): Promise<void> {
  const { regionId, franchiseeId } = references;
  if (regionId && !(await orgUnitsRepository('regions').find(trx, brandId, regionId)))
    throw new DomainError('UNKNOWN_REGION', 'no region of this brand has this id', {
      kind: 'unknown-reference',
      field: 'regionId',
    });
  if (franchiseeId && !(await orgUnitsRepository('franchisees').find(trx, brandId, franchiseeId)))
    throw new DomainError('UNKNOWN_FRANCHISEE', 'no franchisee of this brand has this id', {
      kind: 'unknown-reference',
      field: 'franchiseeId',
    });
}

/**
 * R12: opens a store (no `storeId`) or replaces one's details. A store is head-office-owned or
 * franchised (then a franchisee owns it); its code is unique within the brand, since POS and
 * members' home stores name a store by it.
 */
export async function saveStore(
  deps: StoreDeps,
  brandId: string,
  input: StoreInput,
  correlationId: string,
  storeId?: string,
): Promise<{ store: Store; created: boolean }> {
  const franchiseeId = input.franchiseeId ?? null;
  const regionId = input.regionId ?? null;
  assertOwnership(input.ownership, franchiseeId);
  assertTimeZone(input.timeZone);
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`stores:${brandId}:${input.code}`]);
    const existing = storeId ? await stores.find(trx, brandId, storeId) : undefined;
    if (storeId && !existing) throw storeNotFound();
    const holder = await stores.findByCode(trx, brandId, input.code);
    if (holder && holder.id !== storeId)
      throw new DomainError('STORE_CODE_TAKEN', 'another store of this brand has this code', {
        kind: 'conflict',
        field: 'code',
        existing: { type: 'store', id: holder.id },
      });
    await assertKnown(trx, brandId, { regionId, franchiseeId });
    const store: Store = {
      id: existing?.id ?? uuidv7(),
      brandId,
      code: input.code,
      name: input.name.trim(),
      ownership: input.ownership,
      franchiseeId,
      regionId,
      address: input.address?.trim() ?? null,
      timeZone: input.timeZone ?? null,
      status: input.status ?? 'open',
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await stores.save(trx, store);
    await appendToOutbox(trx, [storeUpserted(store, correlationId)]);
    return { store, created: !existing };
  });
}

/** A store by its id or, for anything that is not a uuid, its code. */
export async function getStore(deps: { db: Database }, brandId: string, idOrCode: string) {
  const store = isUuid(idOrCode)
    ? await stores.find(deps.db, brandId, idOrCode)
    : await stores.findByCode(deps.db, brandId, idOrCode);
  if (!store) throw storeNotFound();
  return store;
}

export const listStores = (
  deps: { db: Database },
  brandId: string,
  filter: StoreFilter,
  page: PageRequest,
) => stores.list(deps.db, brandId, filter, page);
