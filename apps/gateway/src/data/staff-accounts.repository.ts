import type { Queryable } from '@laoke/platform';
import type { LoginState } from '../domain/login-lockout';

export interface StaffAccount extends LoginState {
  id: string;
  brandId: string;
  username: string;
  passwordHash: string;
  role: string;
  storeId: string | null;
  createdAt: Date;
}

interface Row {
  id: string;
  brand_id: string;
  username: string;
  password_hash: string;
  role: string;
  store_id: string | null;
  failed_attempts: number;
  locked_until: Date | null;
  created_at: Date;
}

const fromRow = (row: Row): StaffAccount => ({
  id: row.id,
  brandId: row.brand_id,
  username: row.username,
  passwordHash: row.password_hash,
  role: row.role,
  storeId: row.store_id,
  failedAttempts: row.failed_attempts,
  lockedUntil: row.locked_until,
  createdAt: row.created_at,
});

/** False when the username is taken (usernames are unique across brands: log-in names no brand). */
export async function insertStaffAccount(db: Queryable, account: StaffAccount): Promise<boolean> {
  const inserted = await db('staff_accounts')
    .insert({
      id: account.id,
      brand_id: account.brandId,
      username: account.username,
      password_hash: account.passwordHash,
      role: account.role,
      store_id: account.storeId,
      failed_attempts: account.failedAttempts,
      locked_until: account.lockedUntil,
      created_at: account.createdAt,
    })
    .onConflict('username')
    .ignore()
    .returning('id');
  return inserted.length === 1;
}

export async function findByUsername(
  db: Queryable,
  username: string,
  options: { forUpdate?: boolean } = {},
): Promise<StaffAccount | undefined> {
  const query = db('staff_accounts').where({ username }).first();
  if (options.forUpdate) void query.forUpdate();
  const row = (await query) as Row | undefined;
  return row && fromRow(row);
}

export async function findById(db: Queryable, id: string): Promise<StaffAccount | undefined> {
  const row = (await db('staff_accounts').where({ id }).first()) as Row | undefined;
  return row && fromRow(row);
}

export async function saveLoginState(db: Queryable, id: string, state: LoginState): Promise<void> {
  await db('staff_accounts')
    .where({ id })
    .update({ failed_attempts: state.failedAttempts, locked_until: state.lockedUntil });
}
