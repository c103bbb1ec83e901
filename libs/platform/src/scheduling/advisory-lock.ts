import type { Transaction } from '../db/database';

/**
 * Takes a transaction-scoped advisory lock named `name` if nobody holds it, so one replica at a
 * time does the work; it is released when the transaction ends, also when the replica dies.
 */
export async function tryAdvisoryXactLock(trx: Transaction, name: string): Promise<boolean> {
  const result = await trx.raw<{ rows: { locked: boolean }[] }>(
    'select pg_try_advisory_xact_lock(hashtext(?)) as locked',
    [name],
  );
  return result.rows[0]?.locked === true;
}
