import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';

export interface ApiClientRecord {
  id: string;
  brandId: string;
  kind: 'pos-device' | 'integration';
  name: string;
  storeId: string | null;
  scopes: string[];
  keyHash: string;
  createdBy: string;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  brand_id: string;
  kind: ApiClientRecord['kind'];
  name: string;
  store_id: string | null;
  scopes: string[];
  key_hash: string;
  created_by: string;
  created_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
}

const fromRow = (row: Row): ApiClientRecord => ({
  id: row.id,
  brandId: row.brand_id,
  kind: row.kind,
  name: row.name,
  storeId: row.store_id,
  scopes: row.scopes,
  keyHash: row.key_hash,
  createdBy: row.created_by,
  createdAt: row.created_at,
  rotatedAt: row.rotated_at,
  revokedAt: row.revoked_at,
});

export async function insertApiClient(db: Queryable, client: ApiClientRecord): Promise<void> {
  await db('api_clients').insert({
    id: client.id,
    brand_id: client.brandId,
    kind: client.kind,
    name: client.name,
    store_id: client.storeId,
    scopes: client.scopes,
    key_hash: client.keyHash,
    created_by: client.createdBy,
    created_at: client.createdAt,
  });
}

/** The client a key digest belongs to, while it is not revoked; read on every call. */
export async function findActiveByKeyHash(
  db: Queryable,
  keyHash: string,
): Promise<ApiClientRecord | undefined> {
  const row = (await db('api_clients')
    .where({ key_hash: keyHash })
    .whereNull('revoked_at')
    .first()) as Row | undefined;
  return row && fromRow(row);
}

export async function findApiClient(
  db: Queryable,
  brandId: string,
  id: string,
): Promise<ApiClientRecord | undefined> {
  const row = (await db('api_clients').where({ brand_id: brandId, id }).first()) as Row | undefined;
  return row && fromRow(row);
}

export async function listApiClients(
  db: Queryable,
  brandId: string,
  page: PageRequest,
): Promise<ApiClientRecord[]> {
  const query = db('api_clients').where({ brand_id: brandId });
  return ((await keysetPage(query, 'created_at', 'asc', page)) as Row[]).map(fromRow);
}

/** A new key replaces the old one in the same row, so the old one stops working at once. */
export async function replaceKey(
  db: Queryable,
  brandId: string,
  id: string,
  keyHash: string,
  at: Date,
): Promise<ApiClientRecord | undefined> {
  const [row] = (await db('api_clients')
    .where({ brand_id: brandId, id })
    .whereNull('revoked_at')
    .update({ key_hash: keyHash, rotated_at: at })
    .returning('*')) as Row[];
  return row && fromRow(row);
}

export async function markRevoked(
  db: Queryable,
  brandId: string,
  id: string,
  at: Date,
): Promise<ApiClientRecord | undefined> {
  const [row] = (await db('api_clients')
    .where({ brand_id: brandId, id })
    .update({ revoked_at: db.raw('coalesce(revoked_at, ?)', [at]) })
    .returning('*')) as Row[];
  return row && fromRow(row);
}
