import { TEST_INTERNAL_TOKEN_SECRET } from '@laoke/testing';
import { asyncApiDocument } from '@laoke/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadGatewayConfig } from '../src/config';

// No service answers here: the AsyncAPI document needs none of them.
const NOBODY = 'http://127.0.0.1:9';
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  app = await buildApp({
    config: loadGatewayConfig({
      SERVICE_NAME: 'gateway',
      LOG_LEVEL: 'silent',
      MEMBERS_URL: NOBODY,
      LOYALTY_URL: NOBODY,
      CAMPAIGNS_URL: NOBODY,
      NOTIFICATIONS_URL: NOBODY,
      GATEWAY_API_KEYS: 'docs-key-1234=brand-a',
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
    }),
  });
});
afterAll(() => app?.close());

describe('gateway AsyncAPI docs', () => {
  it('serves the AsyncAPI 3 document of the topics next to the OpenAPI docs, without an API key', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/asyncapi.json' });

    expect(response.statusCode).toBe(200);
    // Its validity against the AsyncAPI 3 specification: libs/contracts/test/asyncapi.unit.test.ts.
    expect(response.json()).toEqual(asyncApiDocument());
  });
});
