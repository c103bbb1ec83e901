import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from '@laoke/platform';
import {
  findById,
  findByUsername,
  saveLoginState,
  type StaffAccount,
} from '../data/staff-accounts.repository';
import {
  findForUpdate,
  insertRefreshToken,
  markUsed,
  revokeFamily,
} from '../data/refresh-tokens.repository';
import { signAccessToken } from './access-tokens';
import type { CredentialsDeps } from './api-clients.use-case';
import { AFTER_LOGIN, afterWrongPassword, isLocked, type LockoutPolicy } from './login-lockout';
import { hashForUnknownAccount, verifyPassword } from './passwords';

export interface LoginPolicy extends LockoutPolicy {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
}

export interface StaffLoginDeps extends CredentialsDeps {
  signingKey: Buffer;
  policy: LoginPolicy;
}

export interface Tokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

export type LoginOutcome =
  | { outcome: 'logged-in'; tokens: Tokens }
  | { outcome: 'refused' }
  | { outcome: 'locked'; until: Date };

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** A short-lived access token and a refresh token, stored only as its digest, of one log-in family. */
async function issueTokens(
  { clock, signingKey, policy }: StaffLoginDeps,
  trx: Transaction,
  account: StaffAccount,
  familyId: string,
): Promise<Tokens> {
  const now = clock.now().getTime();
  const refreshToken = `lr_${randomBytes(32).toString('base64url')}`;
  await insertRefreshToken(trx, {
    tokenHash: digest(refreshToken),
    accountId: account.id,
    familyId,
    expiresAt: new Date(now + policy.refreshTokenSeconds * 1000),
  });
  return {
    accessToken: signAccessToken(
      signingKey,
      account,
      new Date(now + policy.accessTokenSeconds * 1000),
    ),
    expiresIn: policy.accessTokenSeconds,
    refreshToken,
    refreshExpiresIn: policy.refreshTokenSeconds,
  };
}

/**
 * A username and password for tokens. Wrong passwords in a row lock the account for a while,
 * even against the right password; an unknown username costs as much time as a known one.
 */
export async function logIn(
  deps: StaffLoginDeps,
  username: string,
  password: string,
): Promise<LoginOutcome> {
  const known = await findByUsername(deps.db, username);
  const matches = await verifyPassword(
    password,
    known?.passwordHash ?? (await hashForUnknownAccount()),
  );
  if (!known) return { outcome: 'refused' };
  return deps.db.transaction(async (trx): Promise<LoginOutcome> => {
    const account = await findByUsername(trx, username, { forUpdate: true });
    const now = deps.clock.now();
    if (!account) return { outcome: 'refused' };
    if (isLocked(account, now)) return { outcome: 'locked', until: account.lockedUntil as Date };
    if (!matches) {
      await saveLoginState(trx, account.id, afterWrongPassword(account, deps.policy, now));
      return { outcome: 'refused' };
    }
    await saveLoginState(trx, account.id, AFTER_LOGIN);
    return { outcome: 'logged-in', tokens: await issueTokens(deps, trx, account, randomUUID()) };
  });
}

/**
 * A refresh token for new tokens; each works once. One presented a second time was stolen or
 * replayed: the whole log-in family is revoked, and the caller must log in again.
 */
export async function refresh(
  deps: StaffLoginDeps,
  refreshToken: string,
): Promise<Tokens | undefined> {
  const now = deps.clock.now();
  const { reused, tokens } = await deps.db.transaction(
    async (
      trx,
    ): Promise<{
      reused?: string;
      tokens?: Tokens;
    }> => {
      const stored = await findForUpdate(trx, digest(refreshToken));
      if (!stored || stored.revokedAt || stored.expiresAt <= now) return {};
      if (stored.usedAt) return { reused: stored.familyId };
      const account = await findById(trx, stored.accountId);
      if (!account || isLocked(account, now)) return {};
      await markUsed(trx, stored.tokenHash, now);
      return { tokens: await issueTokens(deps, trx, account, stored.familyId) };
    },
  );
  if (reused) await revokeFamily(deps.db, reused, now);
  return tokens;
}

/** Ends the log-in the refresh token belongs to; an unknown token changes nothing. */
export async function logOut(deps: StaffLoginDeps, refreshToken: string): Promise<void> {
  await deps.db.transaction(async (trx) => {
    const stored = await findForUpdate(trx, digest(refreshToken));
    if (stored) await revokeFamily(trx, stored.familyId, deps.clock.now());
  });
}
