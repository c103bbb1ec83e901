import { randomUUID } from 'node:crypto';
import { DomainError } from '@laoke/platform';
import { insertStaffAccount, type StaffAccount } from '../data/staff-accounts.repository';
import type { ApiClient } from './api-keys';
import type { CredentialsDeps } from './api-clients.use-case';
import { AFTER_LOGIN } from './login-lockout';
import { hashPassword } from './passwords';
import type { StaffRole } from './roles';

/** Roles that work in one store and so must name it. */
const STORE_ROLES: readonly StaffRole[] = ['store-manager', 'associate'];

export interface NewStaffAccount {
  username: string;
  password: string;
  role: StaffRole;
  storeId?: string;
}

/** A log-in for a staff member of the caller's brand, with one role (and its store). */
export async function createStaffAccount(
  { db, clock }: CredentialsDeps,
  caller: ApiClient,
  input: NewStaffAccount,
): Promise<StaffAccount> {
  if (STORE_ROLES.includes(input.role) && !input.storeId)
    throw new DomainError('STORE_REQUIRED', `a ${input.role} works in one store: name it`, {
      kind: 'invalid',
      field: 'storeId',
    });
  const account: StaffAccount = {
    id: randomUUID(),
    brandId: caller.brandId,
    username: input.username,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    storeId: input.storeId ?? null,
    createdAt: clock.now(),
    ...AFTER_LOGIN,
  };
  if (!(await insertStaffAccount(db, account)))
    throw new DomainError('USERNAME_TAKEN', 'this username is taken', {
      kind: 'conflict',
      field: 'username',
    });
  return account;
}
