import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_TOKEN_HEADER, mintInternalToken, systemClock } from '@laoke/platform';
import {
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_PII_KEY,
  aMemberRegistration,
  aTopicNamespace,
  identityHeaders,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../apps/gateway/src/app';
import { startGatewayUnderTest } from '../../apps/gateway/test/gateway-under-test';
import * as membersApp from '../../apps/members/src/app';

let members: ServiceUnderTest;
let gateway: RunningGateway;
let silent: Server;
const CONSOLE = 'https://console.laoke.test';
const KEY_A = 'identity-key-a-1234';
const KEY_B = 'identity-key-b-1234';
/** Nothing listens here: a service that is down. */
const CLOSED_PORT_URL = 'http://127.0.0.1:9';

beforeAll(async () => {
  const { prefix } = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    KAFKA_TOPIC_PREFIX: prefix,
  });
  // A service that accepts the connection and never answers (its docs answer 404 at once).
  silent = createServer((request, response) => {
    if (request.url === '/docs/json') response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  gateway = await startGatewayUnderTest(
    {
      members: members.url,
      loyalty: CLOSED_PORT_URL,
      campaigns: silentUrl,
      notifications: members.url,
    },
    {
      GATEWAY_API_KEYS: `${KEY_A}=brand-identity-a,${KEY_B}=brand-identity-b`,
      GATEWAY_ROUTE_TIMEOUTS_MS: 'GET /v1/members/:memberId/follow-ups=300',
      GATEWAY_CONSOLE_ORIGIN: CONSOLE,
    },
  );
});
afterAll(async () => {
  await gateway?.close();
  silent?.closeAllConnections();
  await new Promise((resolve) => silent?.close(resolve));
  await members?.close();
});

const viaGateway = (path: string, headers: Record<string, string>, init: RequestInit = {}) =>
  fetch(`${gateway.url}${path}`, { ...init, headers });

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(await response.json()).toMatchObject({ status, code });
}

describe("a service's own port", () => {
  const direct = (headers: Record<string, string>) =>
    fetch(`${members.url}/v1/stores`, { headers });

  it('when called without an internal token, then 401, whatever identity headers came', async () => {
    await expectProblem(await direct({}), 401, 'UNAUTHORIZED');
    await expectProblem(
      await direct({ 'x-laoke-brand-id': 'brand-identity-a', 'x-laoke-roles': 'brand-admin' }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('when the token is forged (another secret) or expired, then 401', async () => {
    const identity = { brandId: 'brand-identity-a', roles: [], actor: 'x', requestId: 'r' };
    const forged = mintInternalToken(identity, {
      secret: `${TEST_INTERNAL_TOKEN_SECRET}-not-ours`,
      now: systemClock.now(),
    });
    const expired = mintInternalToken(identity, {
      secret: TEST_INTERNAL_TOKEN_SECRET,
      now: new Date(systemClock.now().getTime() - 61_000),
    });

    await expectProblem(await direct({ [INTERNAL_TOKEN_HEADER]: forged }), 401, 'UNAUTHORIZED');
    await expectProblem(await direct({ [INTERNAL_TOKEN_HEADER]: expired }), 401, 'UNAUTHORIZED');
  });

  it('when the token is valid, then the brand it names wins over a brand header sent beside it', async () => {
    const response = await fetch(`${members.url}/v1/members`, {
      method: 'POST',
      headers: {
        ...identityHeaders({ brandId: 'brand-identity-a' }),
        'x-laoke-brand-id': 'brand-identity-b',
        'content-type': 'application/json',
      },
      body: JSON.stringify(aMemberRegistration()),
    });
    const { memberId } = (await response.json()) as { memberId: string };

    const asA = await fetch(`${members.url}/v1/members/${memberId}`, {
      headers: identityHeaders({ brandId: 'brand-identity-a' }),
    });
    const asB = await fetch(`${members.url}/v1/members/${memberId}`, {
      headers: identityHeaders({ brandId: 'brand-identity-b' }),
    });
    expect(asA.status).toBe(200);
    expect(asB.status).toBe(404);
  });

  it('answers its health without a token', async () => {
    expect((await fetch(`${members.url}/health/live`)).status).toBe(200);
  });
});

describe('the gateway', () => {
  it("when a client sends another brand's id in x-laoke-brand-id, then it is ignored and that brand's member stays unreachable", async () => {
    const registered = await viaGateway(
      '/v1/members',
      { 'x-api-key': KEY_A, 'content-type': 'application/json' },
      { method: 'POST', body: JSON.stringify(aMemberRegistration()) },
    );
    expect(registered.status).toBe(201);
    const { memberId } = (await registered.json()) as { memberId: string };

    const asOwner = await viaGateway(`/v1/members/${memberId}`, { 'x-api-key': KEY_A });
    const asOther = await viaGateway(`/v1/members/${memberId}`, {
      'x-api-key': KEY_B,
      'x-laoke-brand-id': 'brand-identity-a',
      'x-laoke-roles': 'brand-admin',
      [INTERNAL_TOKEN_HEADER]: 'forged',
    });

    expect(asOwner.status).toBe(200);
    await expectProblem(asOther, 404, 'MEMBER_NOT_FOUND');
  });

  it('when the service behind a route is down, then 503 problem+json with Retry-After, never 500', async () => {
    const response = await viaGateway('/v1/members/any-member/points', { 'x-api-key': KEY_A });

    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    await expectProblem(response, 503, 'UPSTREAM_UNAVAILABLE');
  });

  it('when the service does not answer within the route timeout, then 504 problem+json with Retry-After', async () => {
    const response = await viaGateway('/v1/members/any-member/follow-ups', { 'x-api-key': KEY_A });

    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    await expectProblem(response, 504, 'UPSTREAM_TIMEOUT');
  });

  it('sends security headers on every answer, refusals included', async () => {
    const response = await viaGateway('/v1/members', {});

    expect(response.status).toBe(401);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('allows the console origin, and no other, to call it from a browser', async () => {
    const preflight = (origin: string) =>
      fetch(`${gateway.url}/v1/members`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-api-key, content-type',
        },
      });
    const fromConsole = await preflight(CONSOLE);
    const fromElsewhere = await preflight('https://evil.example');
    const read = await viaGateway('/v1/stores', { 'x-api-key': KEY_A, origin: CONSOLE });

    expect(fromConsole.status).toBe(204);
    expect(fromConsole.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(fromConsole.headers.get('access-control-allow-headers')).toContain('x-api-key');
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('access-control-allow-origin')).toBe(CONSOLE);
  });
});
