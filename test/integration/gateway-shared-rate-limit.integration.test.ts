import { randomUUID } from 'node:crypto';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../apps/gateway/src/app';
import { call } from '../../apps/gateway/test/gateway-call';
import {
  aGatewayDatabase,
  startGatewayUnderTest,
} from '../../apps/gateway/test/gateway-under-test';
import * as membersApp from '../../apps/members/src/app';

let members: ServiceUnderTest;
let database: Awaited<ReturnType<typeof aGatewayDatabase>>;
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
    GATEWAY_API_KEYS: 'shared-busy-1234=brand-a,shared-quiet-5678=brand-a',
    GATEWAY_RATE_LIMIT_PER_MINUTE: '4',
  };
  const options = { databaseUrl: database.url };
  first = await startGatewayUnderTest({ members: members.url }, settings, options);
  second = await startGatewayUnderTest({ members: members.url }, settings, options);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.drop();
  await members?.close();
});

const lookUp = (gateway: RunningGateway, key: string) =>
  call(gateway, 'GET', `/v1/members/${randomUUID()}`, { key });

describe('a rate limit shared by gateway instances', () => {
  it('when one key spreads its calls over two instances, then the limit counts them together: 429 with Retry-After at both', async () => {
    const spread = [first, second, first, second];
    for (const gateway of spread)
      expect((await lookUp(gateway, 'shared-busy-1234')).status).toBe(404);

    const atSecond = await lookUp(second, 'shared-busy-1234');
    const atFirst = await lookUp(first, 'shared-busy-1234');

    for (const limited of [atSecond, atFirst]) {
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    }
    expect((await lookUp(second, 'shared-quiet-5678')).status).toBe(404);
  });
});
