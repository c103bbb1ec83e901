import { randomUUID } from 'node:crypto';
import { DomainError, type Clock, type Database, type PageRequest } from '@laoke/platform';
import {
  findActiveByKeyHash,
  findApiClient,
  insertApiClient,
  listApiClients,
  markRevoked,
  replaceKey,
  type ApiClientRecord,
} from '../data/api-clients.repository';
import { authenticate, keyDigest, keyIdOf, newApiKey, type ApiClient } from './api-keys';

export interface CredentialsDeps {
  db: Database;
  clock: Clock;
}

export type NewApiClient =
  | { kind: 'pos-device'; name: string; storeId: string }
  | { kind: 'integration'; name: string; scopes: string[] };

/** A client and the key it was just given: the only time the key is seen. */
export interface IssuedKey {
  client: ApiClientRecord;
  key: string;
}

const notFound = () =>
  new DomainError('API_CLIENT_NOT_FOUND', 'no API client of this brand has this id', {
    kind: 'not-found',
  });

/** A POS key stands for one store of its brand; an integration key for its brand, by scope. */
export function asCaller(client: ApiClientRecord): ApiClient {
  const base = {
    keyId: keyIdOf(client.keyHash),
    brandId: client.brandId,
    actor: `api-client:${client.id}`,
  };
  return client.kind === 'pos-device'
    ? { ...base, storeId: client.storeId ?? '', roles: ['pos-device'] }
    : { ...base, roles: ['integration'], scopes: client.scopes };
}

/**
 * The caller a presented key stands for: a configured bootstrap key, or an API client read from
 * the database on every call, so a revocation or rotation holds at every gateway instance at once.
 */
export async function clientForKey(
  { db }: CredentialsDeps,
  bootstrap: Map<string, ApiClient>,
  key: string,
): Promise<ApiClient | undefined> {
  const configured = authenticate(bootstrap, key);
  if (configured) return configured;
  const client = await findActiveByKeyHash(db, keyDigest(key));
  return client && asCaller(client);
}

export async function createApiClient(
  { db, clock }: CredentialsDeps,
  caller: ApiClient,
  input: NewApiClient,
): Promise<IssuedKey> {
  const key = newApiKey();
  const client: ApiClientRecord = {
    id: randomUUID(),
    brandId: caller.brandId,
    kind: input.kind,
    name: input.name,
    storeId: input.kind === 'pos-device' ? input.storeId : null,
    scopes: input.kind === 'integration' ? [...new Set(input.scopes)] : [],
    keyHash: keyDigest(key),
    createdBy: caller.actor,
    createdAt: clock.now(),
    rotatedAt: null,
    revokedAt: null,
  };
  await insertApiClient(db, client);
  return { client, key };
}

/** A new key for the client; the old one is refused from now on. */
export async function rotateApiClientKey(
  { db, clock }: CredentialsDeps,
  brandId: string,
  id: string,
): Promise<IssuedKey> {
  const key = newApiKey();
  const client = await replaceKey(db, brandId, id, keyDigest(key), clock.now());
  if (client) return { client, key };
  if (!(await findApiClient(db, brandId, id))) throw notFound();
  throw new DomainError('API_CLIENT_REVOKED', 'a revoked API client gets no new key', {
    kind: 'rule',
  });
}

/** Revoked for good, from the next call on; revoking again changes nothing. */
export async function revokeApiClient(
  { db, clock }: CredentialsDeps,
  brandId: string,
  id: string,
): Promise<ApiClientRecord> {
  const client = await markRevoked(db, brandId, id, clock.now());
  if (!client) throw notFound();
  return client;
}

export const apiClientsPage = ({ db }: CredentialsDeps, brandId: string, page: PageRequest) =>
  listApiClients(db, brandId, page);

export async function apiClientOf(
  { db }: CredentialsDeps,
  brandId: string,
  id: string,
): Promise<ApiClientRecord> {
  const client = await findApiClient(db, brandId, id);
  if (!client) throw notFound();
  return client;
}
