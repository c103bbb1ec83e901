import { DomainError, type Database } from '@laoke/platform';
import { membersRepository as members } from '../data/members.repository';
import { storesRepository as stores } from '../data/stores.repository';
import type { Member } from './member';

const PAGE_ROWS = 1000;

/**
 * The members of a brand, or of one store (named by its id or its code, as home stores are),
 * read page by page so an export of any size streams in bounded memory.
 */
export async function membersToExport(
  db: Database,
  brandId: string,
  storeId: string | undefined,
): Promise<AsyncGenerator<Member>> {
  const homeStores = storeId === undefined ? undefined : await storeKeys(db, brandId, storeId);
  return (async function* pages() {
    let afterId: string | undefined;
    for (;;) {
      const page = await members.exportPage(db, brandId, {
        homeStores,
        afterId,
        limit: PAGE_ROWS,
      });
      yield* page;
      if (page.length < PAGE_ROWS) return;
      afterId = page[page.length - 1]?.id;
    }
  })();
}

async function storeKeys(db: Database, brandId: string, storeId: string): Promise<string[]> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(storeId);
  const store =
    (isUuid ? await stores.find(db, brandId, storeId) : undefined) ??
    (await stores.findByCode(db, brandId, storeId));
  if (!store)
    throw new DomainError('STORE_NOT_FOUND', 'no store of this brand has this id or code', {
      kind: 'not-found',
      field: 'storeId',
    });
  return [store.id, store.code];
}
