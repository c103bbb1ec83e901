import { randomUUID } from 'node:crypto';
import {
  TEST_INTERNAL_TOKEN_SECRET,
  TEST_PII_KEY,
  aTopicNamespace,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../apps/gateway/src/app';
import { startGatewayUnderTest } from '../../apps/gateway/test/gateway-under-test';
import * as membersApp from '../../apps/members/src/app';

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
      GATEWAY_API_KEYS: 'busy-key-1234=brand-a,quiet-key-5678=brand-a',
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '3',
    },
  );
});
afterAll(async () => {
  await gateway?.close();
  await members?.close();
});

const lookUp = (apiKey: string) =>
  fetch(`${gateway.url}/v1/members/${randomUUID()}`, { headers: { 'x-api-key': apiKey } });

describe('gateway rate limit', () => {
  it('when one API key makes more calls a minute than allowed, then the extra call gets 429 and the others carry on', async () => {
    for (let call = 0; call < 3; call += 1)
      expect((await lookUp('busy-key-1234')).status).toBe(404);

    const limited = await lookUp('busy-key-1234');

    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await lookUp('quiet-key-5678')).status).toBe(404);
  });
});
