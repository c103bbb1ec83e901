import { createHash, randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@laoke/platform';
import {
  TEST_PII_KEY,
  aMemberRegistration,
  aTopicNamespace,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as membersApp from '../../apps/members/src/app';
import type { RunningGateway } from '../../apps/gateway/src/app';
import { call } from '../../apps/gateway/test/gateway-call';
import {
  aGatewayDatabase,
  startGatewayUnderTest,
} from '../../apps/gateway/test/gateway-under-test';

const BOOTSTRAP = 'boot-key-a-12345678';
const OTHER_BRAND_BOOTSTRAP = 'boot-key-b-12345678';
let members: ServiceUnderTest;
let database: Awaited<ReturnType<typeof aGatewayDatabase>>;
let db: Database;
/** Two gateway instances on one database, as behind a load balancer. */
let first: RunningGateway;
let second: RunningGateway;

beforeAll(async () => {
  const { prefix } = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    KAFKA_TOPIC_PREFIX: prefix,
  });
  database = await aGatewayDatabase();
  const settings = {
    GATEWAY_API_KEYS: `${BOOTSTRAP}=brand-cred-a,${OTHER_BRAND_BOOTSTRAP}=brand-cred-b`,
  };
  first = await startGatewayUnderTest({ members: members.url }, settings, {
    databaseUrl: database.url,
  });
  second = await startGatewayUnderTest({ members: members.url }, settings, {
    databaseUrl: database.url,
  });
  db = createDatabase(database.url);
});
afterAll(async () => {
  await db?.destroy();
  await first?.close();
  await second?.close();
  await database?.drop();
  await members?.close();
});

const register = async (key: string, homeStoreId: string) => {
  const answer = await call(first, 'POST', '/v1/members', {
    key,
    body: aMemberRegistration({ homeStoreId }),
  });
  expect(answer.status).toBe(201);
  return answer.body['memberId'] as string;
};

const issue = async (body: object, key = BOOTSTRAP) => {
  const answer = await call(first, 'POST', '/v1/api-clients', { key, body });
  expect(answer.status).toBe(201);
  return answer.body as { apiClientId: string; key: string };
};

const aPosKey = (storeId = 'SH-001') => issue({ kind: 'pos-device', name: '收银台 1', storeId });

/** Authenticated: an unknown member is 404 from the service, not 401 from the gateway. */
const lookUp = (gateway: RunningGateway, key: string) =>
  call(gateway, 'GET', `/v1/members/${randomUUID()}`, { key });

describe('API clients: POS device and integration keys', () => {
  it("when a POS key of store A asks for a member of store B of its brand, then it gets the member; another brand's member is 404", async () => {
    const ofStoreB = await register(BOOTSTRAP, 'SH-002');
    const ofOtherBrand = await register(OTHER_BRAND_BOOTSTRAP, 'SH-001');
    const pos = await aPosKey('SH-001');

    const sameBrand = await call(second, 'GET', `/v1/members/${ofStoreB}`, { key: pos.key });
    const otherBrand = await call(second, 'GET', `/v1/members/${ofOtherBrand}`, { key: pos.key });

    expect(sameBrand.status).toBe(200);
    expect(sameBrand.body).toMatchObject({ memberId: ofStoreB, homeStoreId: 'SH-002' });
    const unknown = await lookUp(second, pos.key);
    // No hint the record exists: the same answer as for an id nobody has.
    expect(otherBrand.status).toBe(404);
    expect(otherBrand.body['code']).toBe(unknown.body['code']);
  });

  it('when a key is issued, then it is shown once and only its SHA-256 digest is stored', async () => {
    const pos = await aPosKey();

    const stored = await db('api_clients').where({ id: pos.apiClientId }).first();
    const listed = await call(first, 'GET', '/v1/api-clients?limit=100', { key: BOOTSTRAP });

    expect(pos.key).toMatch(/^lk_[\w-]{43}$/);
    expect(stored.key_hash).toBe(createHash('sha256').update(pos.key).digest('hex'));
    expect(JSON.stringify(listed.body)).not.toContain(pos.key);
    expect(listed.body['items']).toContainEqual(
      expect.objectContaining({
        apiClientId: pos.apiClientId,
        kind: 'pos-device',
        revokedAt: null,
      }),
    );
  });

  it('when a key is revoked at one gateway instance, then the other refuses it with 401 on the next call', async () => {
    const pos = await aPosKey();
    expect((await lookUp(second, pos.key)).status).toBe(404);

    const revoked = await call(first, 'POST', `/v1/api-clients/${pos.apiClientId}/revoke`, {
      key: BOOTSTRAP,
    });
    const after = await lookUp(second, pos.key);

    expect(revoked.status).toBe(200);
    expect(revoked.body['revokedAt']).toEqual(expect.any(String));
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toContain('application/problem+json');
    expect(after.body).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('when a key is rotated, then the old key gets 401 and the new one is admitted, at both instances', async () => {
    const pos = await aPosKey();

    const rotated = await call(first, 'POST', `/v1/api-clients/${pos.apiClientId}/rotate`, {
      key: BOOTSTRAP,
    });
    const newKey = rotated.body['key'] as string;

    expect(rotated.status).toBe(200);
    expect(newKey).not.toBe(pos.key);
    for (const gateway of [first, second]) {
      expect((await lookUp(gateway, pos.key)).status).toBe(401);
      expect((await lookUp(gateway, newKey)).status).toBe(404);
    }
  });

  it('when a revoked client is rotated, then 422 and it stays revoked', async () => {
    const pos = await aPosKey();
    await call(first, 'POST', `/v1/api-clients/${pos.apiClientId}/revoke`, { key: BOOTSTRAP });

    const rotated = await call(first, 'POST', `/v1/api-clients/${pos.apiClientId}/rotate`, {
      key: BOOTSTRAP,
    });

    expect(rotated.status).toBe(422);
    expect(rotated.body).toMatchObject({ code: 'API_CLIENT_REVOKED' });
  });

  it('when another brand names a client, then 404: it cannot see, rotate or revoke it', async () => {
    const pos = await aPosKey();

    for (const action of ['rotate', 'revoke']) {
      const answer = await call(first, 'POST', `/v1/api-clients/${pos.apiClientId}/${action}`, {
        key: OTHER_BRAND_BOOTSTRAP,
      });
      expect(answer.status).toBe(404);
    }
    expect((await lookUp(first, pos.key)).status).toBe(404);
  });

  it('when a POS key calls a route its role lacks, then 403 problem+json and nothing reaches the service', async () => {
    const pos = await aPosKey();

    const brand = await call(first, 'PUT', '/v1/brand', { key: pos.key, body: { name: 'x' } });
    const issuing = await call(first, 'POST', '/v1/api-clients', {
      key: pos.key,
      body: { kind: 'pos-device', name: 'another till', storeId: 'SH-001' },
    });

    expect(brand.status).toBe(403);
    expect(brand.headers.get('content-type')).toContain('application/problem+json');
    expect(brand.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(issuing.status).toBe(403);
  });

  it('when an integration key has only members:read, then it reads members but may not register one', async () => {
    const memberId = await register(BOOTSTRAP, 'SH-001');
    const reader = await issue({
      kind: 'integration',
      name: 'CRM export',
      scopes: ['members:read'],
    });

    const read = await call(first, 'GET', `/v1/members/${memberId}`, { key: reader.key });
    const write = await call(first, 'POST', '/v1/members', {
      key: reader.key,
      body: aMemberRegistration(),
    });

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(write.body['detail']).toContain('members:write');
  });

  it('when an integration key is asked for an unknown scope or a POS key for no store, then 400 naming the field', async () => {
    const scopes = await call(first, 'POST', '/v1/api-clients', {
      key: BOOTSTRAP,
      body: { kind: 'integration', name: 'x', scopes: ['credentials:manage'] },
    });
    const store = await call(first, 'POST', '/v1/api-clients', {
      key: BOOTSTRAP,
      body: { kind: 'pos-device', name: 'x' },
    });

    expect(scopes.status).toBe(400);
    expect(store.status).toBe(400);
    expect(await db('api_clients').where({ name: 'x' })).toHaveLength(0);
  });
});
