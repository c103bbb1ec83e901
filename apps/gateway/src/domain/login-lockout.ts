/** How many wrong passwords in a row lock an account, and for how long. */
export interface LockoutPolicy {
  maxFailures: number;
  lockoutSeconds: number;
}

export interface LoginState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

export const isLocked = (state: LoginState, now: Date) =>
  state.lockedUntil !== null && state.lockedUntil > now;

/** A wrong password: counted, and the last one allowed locks the account and starts counting anew. */
export function afterWrongPassword(
  state: LoginState,
  policy: LockoutPolicy,
  now: Date,
): LoginState {
  const failedAttempts = state.failedAttempts + 1;
  return failedAttempts >= policy.maxFailures
    ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + policy.lockoutSeconds * 1000) }
    : { failedAttempts, lockedUntil: state.lockedUntil };
}

export const AFTER_LOGIN: LoginState = { failedAttempts: 0, lockedUntil: null };
