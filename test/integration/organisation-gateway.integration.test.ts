import { randomUUID } from 'node:crypto';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../apps/gateway/src/app';
import { startGatewayUnderTest } from '../../apps/gateway/test/gateway-under-test';
import * as membersApp from '../../apps/members/src/app';
import { seedDemoOrganisation } from '../../scripts/demo-organisation';

let members: ServiceUnderTest;
let gateway: RunningGateway;
const KEY = 'org-key-12345678';

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
      GATEWAY_API_KEYS: `${KEY}=brand-org-demo,other-key-12345678=brand-org-other`,
    },
  );
});
afterAll(async () => {
  await gateway?.close();
  await members?.close();
});

const get = (path: string, key = KEY) =>
  fetch(`${gateway.url}${path}`, { headers: { 'x-api-key': key } });

describe('R12: the organisation through the gateway', () => {
  it('when the demo organisation is seeded twice through the gateway, then the brand has two regions, two franchisees and five stores', async () => {
    const lines: string[] = [];
    await seedDemoOrganisation(gateway.url, KEY, (line) => lines.push(line));
    await seedDemoOrganisation(gateway.url, KEY, (line) => lines.push(line));

    const count = async (path: string) =>
      ((await (await get(path)).json()) as { items: unknown[] }).items.length;
    expect(await count('/v1/regions')).toBe(2);
    expect(await count('/v1/franchisees')).toBe(2);
    expect(await count('/v1/stores')).toBe(5);
    expect(await count('/v1/stores?status=open')).toBe(5);
    expect(await count('/v1/staff')).toBe(4);
    expect(await (await get('/v1/brand')).json()).toMatchObject({
      brandId: 'brand-org-demo',
      smsSignature: '【金缘珠宝】',
    });
    expect(lines).toHaveLength(2);
  });

  it("when another API key's brand asks, then it sees none of these stores", async () => {
    const response = await get('/v1/stores', 'other-key-12345678');
    expect(await response.json()).toEqual({ items: [], nextCursor: null });
    expect((await get('/v1/brand/clock', 'other-key-12345678')).status).toBe(404);
  });

  it('when a clock of a normal brand is advanced through the gateway, then 422 BRAND_NOT_SANDBOX', async () => {
    const response = await fetch(`${gateway.url}/v1/brand/clock/advance`, {
      method: 'POST',
      headers: {
        'x-api-key': KEY,
        'content-type': 'application/json',
        'idempotency-key': `advance-${randomUUID()}`,
      },
      body: JSON.stringify({ by: 'P3D' }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'BRAND_NOT_SANDBOX' });
  });
});
