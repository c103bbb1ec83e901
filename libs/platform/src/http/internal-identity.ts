import { createHmac, timingSafeEqual } from 'node:crypto';

/** The one header the gateway sends a service to say who calls: a signed internal token. */
export const INTERNAL_TOKEN_HEADER = 'x-laoke-internal-token';

/** Long enough for one call through the gateway and its retries, short enough to be useless stolen. */
export const INTERNAL_TOKEN_TTL_SECONDS = 60;

/** Who calls, as the gateway vouches for it. */
export interface InternalIdentity {
  brandId: string;
  /** Set for a POS device: the one store it stands for. */
  storeId?: string;
  roles: readonly string[];
  /** Who acts, for audit: a staff account or an API client. */
  actor: string;
  requestId: string;
}

interface Claims {
  brand: string;
  store?: string;
  roles: string[];
  act: string;
  rid: string;
  iat: number;
  exp: number;
}

// A JWS in compact form (RFC 7515), HS256 only: node:crypto signs synchronously, so the gateway
// can mint the token while it rewrites the forwarded headers.
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

const signatureOf = (signingInput: string, secret: string) =>
  createHmac('sha256', secret).update(signingInput).digest();

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function mintInternalToken(
  identity: InternalIdentity,
  options: { secret: string; now: Date; ttlSeconds?: number },
): string {
  const iat = seconds(options.now);
  const claims: Claims = {
    brand: identity.brandId,
    ...(identity.storeId !== undefined && { store: identity.storeId }),
    roles: [...identity.roles],
    act: identity.actor,
    rid: identity.requestId,
    iat,
    exp: iat + (options.ttlSeconds ?? INTERNAL_TOKEN_TTL_SECONDS),
  };
  const signingInput = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${signatureOf(signingInput, options.secret).toString('base64url')}`;
}

const isString = (value: unknown): value is string => typeof value === 'string';

function claimsOf(payload: string): Claims | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const claims = parsed as Partial<Record<keyof Claims, unknown>>;
  const valid =
    isString(claims.brand) &&
    claims.brand.length > 0 &&
    (claims.store === undefined || isString(claims.store)) &&
    Array.isArray(claims.roles) &&
    claims.roles.every(isString) &&
    isString(claims.act) &&
    isString(claims.rid) &&
    Number.isInteger(claims.exp);
  return valid ? (claims as Claims) : undefined;
}

/**
 * The identity a token vouches for, or undefined when it is malformed, signed with another
 * secret or another algorithm, or expired at `now`.
 */
export function verifyInternalToken(
  token: string,
  options: { secret: string; now: Date },
): InternalIdentity | undefined {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header !== HEADER || !payload || !signature || rest.length > 0) return undefined;
  const expected = signatureOf(`${header}.${payload}`, options.secret);
  const presented = Buffer.from(signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
    return undefined;
  const claims = claimsOf(payload);
  if (!claims || claims.exp <= seconds(options.now)) return undefined;
  return {
    brandId: claims.brand,
    ...(claims.store !== undefined && { storeId: claims.store }),
    roles: claims.roles,
    actor: claims.act,
    requestId: claims.rid,
  };
}

/** The identity headers the services' routes read, as the token states them. */
export function identityHeadersOf(identity: InternalIdentity): Record<string, string> {
  return {
    'x-laoke-brand-id': identity.brandId,
    'x-laoke-roles': identity.roles.join(','),
    'x-laoke-actor': identity.actor,
    ...(identity.storeId !== undefined && { 'x-laoke-store-id': identity.storeId }),
  };
}
