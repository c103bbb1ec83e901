import { createHash } from 'node:crypto';
import type { Database, Queryable, Transaction } from '../db/database';
import { DomainError } from '../errors/domain-error';

/** A write the client may retry: its key, and a fingerprint of what it asked for. */
export interface IdempotentRequest {
  brandId: string;
  key: string;
  fingerprint: string;
}

export interface IdempotentOutcome<T> {
  result: T;
  /** True when `result` is the one stored by an earlier request with the same key. */
  replayed: boolean;
}

/** Object keys in a fixed order, so the same request always has the same text. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : value;

/** What an operation was asked to do; the same key with another fingerprint is refused. */
export const fingerprintOf = (operation: string, payload: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify([operation, canonical(payload)]))
    .digest('hex');

async function storedResult<T>(db: Queryable, request: IdempotentRequest) {
  const row: { fingerprint: string; result: T } | undefined = await db('idempotent_requests')
    .where({ brand_id: request.brandId, key: request.key })
    .first('fingerprint', 'result');
  if (!row) return undefined;
  if (row.fingerprint !== request.fingerprint) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'this key was already used for a different request',
      { kind: 'rule', field: 'idempotency-key' },
    );
  }
  return { result: row.result, replayed: true };
}

/**
 * Runs a write at most once per key. A retry gets the first result back; the same key with a
 * different request is refused (422 naming `idempotency-key`). `prepare` runs outside any
 * transaction (it may call another service); `work` runs in the transaction that also stores
 * its result, so a write and its stored result commit together or not at all.
 *
 * A second request with the key of one still running waits for it: its claim blocks on the
 * first one's uncommitted row and then replays what the first committed (or, if the first
 * failed, goes ahead itself).
 */
export async function runIdempotently<T>(
  db: Database,
  request: IdempotentRequest,
  steps: { prepare?: () => Promise<void>; work: (trx: Transaction) => Promise<T> },
): Promise<IdempotentOutcome<T>> {
  const earlier = await storedResult<T>(db, request);
  if (earlier) return earlier;
  await steps.prepare?.();
  return db.transaction(async (trx) => {
    const claimed = await trx('idempotent_requests')
      .insert({
        brand_id: request.brandId,
        key: request.key,
        fingerprint: request.fingerprint,
        result: JSON.stringify(null),
      })
      .onConflict(['brand_id', 'key'])
      .ignore()
      .returning('key');
    if (claimed.length === 0) {
      const concurrent = await storedResult<T>(trx, request);
      if (concurrent) return concurrent;
    }
    const result = await steps.work(trx);
    await trx('idempotent_requests')
      .where({ brand_id: request.brandId, key: request.key })
      .update({ result: JSON.stringify(result) });
    return { result, replayed: false };
  });
}
