import type { Queryable } from '@laoke/platform';

export interface RefreshToken {
  tokenHash: string;
  accountId: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

interface Row {
  token_hash: string;
  account_id: string;
  family_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export async function insertRefreshToken(
  db: Queryable,
  token: Pick<RefreshToken, 'tokenHash' | 'accountId' | 'familyId' | 'expiresAt'>,
): Promise<void> {
  await db('refresh_tokens').insert({
    token_hash: token.tokenHash,
    account_id: token.accountId,
    family_id: token.familyId,
    expires_at: token.expiresAt,
  });
}

/** Locked, so two refreshes with one token cannot both succeed. */
export async function findForUpdate(
  db: Queryable,
  tokenHash: string,
): Promise<RefreshToken | undefined> {
  const row = (await db('refresh_tokens').where({ token_hash: tokenHash }).forUpdate().first()) as
    Row | undefined;
  return (
    row && {
      tokenHash: row.token_hash,
      accountId: row.account_id,
      familyId: row.family_id,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      revokedAt: row.revoked_at,
    }
  );
}

export async function markUsed(db: Queryable, tokenHash: string, at: Date): Promise<void> {
  await db('refresh_tokens').where({ token_hash: tokenHash }).update({ used_at: at });
}

/** Ends a log-in: every token of its family stops working. */
export async function revokeFamily(db: Queryable, familyId: string, at: Date): Promise<void> {
  await db('refresh_tokens')
    .where({ family_id: familyId })
    .whereNull('revoked_at')
    .update({ revoked_at: at });
}
