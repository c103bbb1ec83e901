import { randomUUID } from 'node:crypto';
import {
  TEST_PII_KEY,
  aMemberRegistration,
  aTestClock,
  aTopicNamespace,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../apps/gateway/src/app';
import { call } from '../../apps/gateway/test/gateway-call';
import { startGatewayUnderTest } from '../../apps/gateway/test/gateway-under-test';
import * as membersApp from '../../apps/members/src/app';

const BOOTSTRAP = 'boot-key-staff-12345678';
const PASSWORD = 'correct horse battery';
const clock = aTestClock(new Date('2026-12-06T02:00:00Z'));
let members: ServiceUnderTest;
let gateway: RunningGateway;

beforeAll(async () => {
  const { prefix } = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    KAFKA_TOPIC_PREFIX: prefix,
  });
  gateway = await startGatewayUnderTest(
    { members: members.url },
    {
      GATEWAY_API_KEYS: `${BOOTSTRAP}=brand-staff`,
      GATEWAY_LOGIN_MAX_FAILURES: '3',
      GATEWAY_LOGIN_LOCKOUT_SECONDS: '600',
    },
    { clock },
  );
});
afterAll(async () => {
  await gateway?.close();
  await members?.close();
});

const anAccount = async (role: string, extra: object = {}) => {
  const username = `staff-${randomUUID().slice(0, 8)}`;
  const created = await call(gateway, 'POST', '/v1/staff-accounts', {
    key: BOOTSTRAP,
    body: { username, password: PASSWORD, role, ...extra },
  });
  expect(created.status).toBe(201);
  return username;
};

const logIn = (username: string, password = PASSWORD) =>
  call(gateway, 'POST', '/v1/auth/login', { body: { username, password } });

describe('staff log-in', () => {
  it('when a staff member logs in, then the access token authenticates calls as a key does', async () => {
    const username = await anAccount('brand-admin');

    const login = await logIn(username);
    const token = login.body['accessToken'] as string;
    const registered = await call(gateway, 'POST', '/v1/members', {
      token,
      body: aMemberRegistration(),
    });

    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(registered.status).toBe(201);
    expect((await call(gateway, 'GET', '/v1/members/x', { token: `${token}x` })).status).toBe(401);
  });

  it('when an analyst reads and then writes, then the read is allowed and the write is 403', async () => {
    const registered = await call(gateway, 'POST', '/v1/members', {
      key: BOOTSTRAP,
      body: aMemberRegistration(),
    });
    const memberId = registered.body['memberId'] as string;
    const token = (await logIn(await anAccount('analyst'))).body['accessToken'] as string;

    const read = await call(gateway, 'GET', `/v1/members/${memberId}`, { token });
    const search = await call(gateway, 'POST', '/v1/members/search', {
      token,
      body: { cardNumber: '100000001' },
    });

    expect(read.status).toBe(200);
    expect(search.status).toBe(403);
    expect(search.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when a refresh token is used, then it gives new tokens once; used again, the whole log-in ends', async () => {
    const login = await logIn(await anAccount('store-manager', { storeId: 'SH-001' }));
    const first = login.body['refreshToken'] as string;

    const refreshed = await call(gateway, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: first },
    });
    const second = refreshed.body['refreshToken'] as string;
    const replayed = await call(gateway, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: first },
    });
    const afterReplay = await call(gateway, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: second },
    });

    expect(refreshed.status).toBe(200);
    expect(second).not.toBe(first);
    expect(replayed.status).toBe(401);
    expect(afterReplay.status).toBe(401);
  });

  it('when a staff member logs out, then the refresh token no longer works', async () => {
    const login = await logIn(await anAccount('associate', { storeId: 'SH-001' }));
    const refreshToken = login.body['refreshToken'] as string;

    const out = await call(gateway, 'POST', '/v1/auth/logout', { body: { refreshToken } });

    expect(out.status).toBe(204);
    expect(
      (await call(gateway, 'POST', '/v1/auth/refresh', { body: { refreshToken } })).status,
    ).toBe(401);
  });

  it('when the configured number of wrong passwords is reached, then the account is locked even to the right one until the stated time', async () => {
    const username = await anAccount('membership-officer');

    const wrong = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      wrong.push(await logIn(username, 'wrong-pass'));
    const locked = await logIn(username);
    clock.advance({ minutes: 11 });
    const later = await logIn(username);

    expect(wrong.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(locked.body['detail']).toContain('2026-12-06T02:10:00.000Z');
    expect(locked.headers.get('retry-after')).toBe('600');
    expect(later.status).toBe(200);
  });

  it('when a store role is created without its store, then 400 naming storeId', async () => {
    const created = await call(gateway, 'POST', '/v1/staff-accounts', {
      key: BOOTSTRAP,
      body: { username: `s-${randomUUID().slice(0, 8)}`, password: PASSWORD, role: 'associate' },
    });

    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: 'STORE_REQUIRED', field: 'storeId' });
  });
});
