import type { Queryable } from '@laoke/platform';

interface IdempotencyRow {
  brand_id: string;
  key: string;
  request_fingerprint: string;
  response_status: number | null;
  response_body: unknown;
}

export interface StoredResponse {
  requestFingerprint: string;
  status: number | null;
  body: unknown;
}

export const idempotencyRepository = {
  /**
   * Claims a key inside the caller's transaction. A concurrent request with the same key waits
   * on the row lock until the first one commits, then sees the stored response.
   */
  async claim(
    db: Queryable,
    brandId: string,
    key: string,
    requestFingerprint: string,
  ): Promise<boolean> {
    const inserted = await db('idempotency_keys')
      .insert({ brand_id: brandId, key, request_fingerprint: requestFingerprint })
      .onConflict(['brand_id', 'key'])
      .ignore()
      .returning('key');
    return inserted.length > 0;
  },

  async find(db: Queryable, brandId: string, key: string): Promise<StoredResponse | undefined> {
    const row = await db<IdempotencyRow>('idempotency_keys')
      .where({ brand_id: brandId, key })
      .first();
    return (
      row && {
        requestFingerprint: row.request_fingerprint,
        status: row.response_status,
        body: row.response_body,
      }
    );
  },

  async saveResponse(db: Queryable, brandId: string, key: string, status: number, body: unknown) {
    await db('idempotency_keys')
      .where({ brand_id: brandId, key })
      .update({ response_status: status, response_body: JSON.stringify(body) });
  },
};
