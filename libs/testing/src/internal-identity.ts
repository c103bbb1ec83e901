import { randomBytes } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, mintInternalToken, systemClock } from '@laoke/platform';

/** The secret the services a test starts verify internal tokens with (see startServiceUnderTest). */
export const TEST_INTERNAL_TOKEN_SECRET = randomBytes(32).toString('base64');

/** A test file may hold its headers for its whole run: longer than a gateway's one minute. */
const TEST_TOKEN_TTL_SECONDS = 3_600;

export interface TestIdentity {
  brandId: string;
  roles?: readonly string[];
  storeId?: string;
  actor?: string;
}

/**
 * The headers the gateway would send a service for this caller: one internal token, signed with
 * the test secret. Spread it into a request's headers to call a service directly.
 */
export function identityHeaders(identity: TestIdentity): Record<string, string> {
  const token = mintInternalToken(
    {
      brandId: identity.brandId,
      ...(identity.storeId !== undefined && { storeId: identity.storeId }),
      roles: identity.roles ?? [],
      actor: identity.actor ?? 'test:caller',
      requestId: 'test',
    },
    {
      secret: TEST_INTERNAL_TOKEN_SECRET,
      now: systemClock.now(),
      ttlSeconds: TEST_TOKEN_TTL_SECONDS,
    },
  );
  return { [INTERNAL_TOKEN_HEADER]: token };
}
