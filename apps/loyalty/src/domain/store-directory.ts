import { DomainError, type Database } from '@laoke/platform';
import type { MembersClient } from '../clients/members.client';
import { storesRepository as stores } from '../data/stores.repository';

/**
 * A sale or a quote names a store of the brand (its code or id), or it is refused naming
 * `storeId`. The store projection answers first; a store opened a moment ago may not be there
 * yet, so the members service is asked. A brand that has registered no store at all (its
 * organisation not set up yet) is not checked: its POS store ids are taken as given.
 */
export async function requireStore(
  deps: { db: Database; members: MembersClient },
  brandId: string,
  storeId: string,
  requestId: string,
): Promise<void> {
  const { known, brandHasStores } = await stores.lookup(deps.db, brandId, storeId);
  if (known || !brandHasStores) return;
  if (await deps.members.storeExists(storeId, { brandId, requestId })) return;
  throw new DomainError('UNKNOWN_STORE', 'no store of this brand has this id or code', {
    kind: 'unknown-reference',
    field: 'storeId',
  });
}
