import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CREDENTIALS_SCOPE, SCOPES } from './roles';

/** Who is calling through the gateway: what the services are told about the caller. */
export interface ApiClient {
  /** Names the key in logs and limits without revealing it. */
  keyId: string;
  brandId: string;
  /** Set for a POS device key: the one store it stands for. */
  storeId?: string;
  roles: readonly string[];
  /** What an integration key may do (see roles.ts); other credentials go by their roles. */
  scopes?: readonly string[];
  /** Who acts, for audit: a staff account or an API client. */
  actor: string;
}

const digest = (key: string) => createHash('sha256').update(key).digest();

/** How a key is stored and looked up: 256 random bits need no slow hash, a digest suffices. */
export const keyDigest = (key: string) => digest(key).toString('hex');

/** A new API key, shown to its owner once: 256 random bits, prefixed so it is recognisable. */
export const newApiKey = () => `lk_${randomBytes(32).toString('base64url')}`;

/** Names a key in logs and limits without revealing it. */
export const keyIdOf = (hexDigest: string) => hexDigest.slice(0, 12);

/**
 * The operator's configured keys: they stand for head office's own systems, with every scope
 * and the right to manage credentials (how the first staff account and API client are made).
 */
export const BOOTSTRAP_SCOPES: readonly string[] = [...SCOPES, CREDENTIALS_SCOPE];

/** Parses `key=brandId,key2=brandId2`; keys are kept only as digests. */
export function parseApiKeys(setting: string): Map<string, ApiClient> {
  const clients = new Map<string, ApiClient>();
  for (const pair of setting
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, brandId] = pair.split('=').map((p) => p.trim());
    if (!key || !brandId) throw new Error('GATEWAY_API_KEYS must be key=brandId pairs');
    const hex = keyDigest(key);
    const keyId = keyIdOf(hex);
    clients.set(hex, {
      keyId,
      brandId,
      roles: ['integration'],
      scopes: BOOTSTRAP_SCOPES,
      actor: `api-key:${keyId}`,
    });
  }
  return clients;
}

export function authenticate(
  clients: Map<string, ApiClient>,
  presented: string | undefined,
): ApiClient | undefined {
  if (!presented) return undefined;
  const wanted = digest(presented);
  for (const [stored, client] of clients) {
    if (timingSafeEqual(Buffer.from(stored, 'hex'), wanted)) return client;
  }
  return undefined;
}
