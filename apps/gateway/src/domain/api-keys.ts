import { createHash, timingSafeEqual } from 'node:crypto';

/** Who is calling through the gateway: what the services are told about the caller. */
export interface ApiClient {
  /** Names the key in logs and limits without revealing it. */
  keyId: string;
  brandId: string;
  /** Set for a POS device key: the one store it stands for. */
  storeId?: string;
  roles: readonly string[];
  /** Who acts, for audit: a staff account or an API client. */
  actor: string;
}

const digest = (key: string) => createHash('sha256').update(key).digest();

/** Parses `key=brandId,key2=brandId2`; keys are kept only as digests. */
export function parseApiKeys(setting: string): Map<string, ApiClient> {
  const clients = new Map<string, ApiClient>();
  for (const pair of setting
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, brandId] = pair.split('=').map((p) => p.trim());
    if (!key || !brandId) throw new Error('GATEWAY_API_KEYS must be key=brandId pairs');
    const hex = digest(key).toString('hex');
    const keyId = hex.slice(0, 12);
    clients.set(hex, { keyId, brandId, roles: ['integration'], actor: `api-key:${keyId}` });
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
