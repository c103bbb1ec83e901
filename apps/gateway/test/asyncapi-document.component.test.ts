import { asyncApiDocument } from '@laoke/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/app';
import { startGatewayUnderTest } from './gateway-under-test';

// No service answers here: the AsyncAPI document needs none of them.
const NOBODY = 'http://127.0.0.1:9';
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startGatewayUnderTest(
    { members: NOBODY },
    { GATEWAY_API_KEYS: 'docs-key-1234=brand-a' },
  );
});
afterAll(() => gateway?.close());

describe('gateway AsyncAPI docs', () => {
  it('serves the AsyncAPI 3 document of the topics next to the OpenAPI docs, without an API key', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/docs/asyncapi.json' });

    expect(response.statusCode).toBe(200);
    // Its validity against the AsyncAPI 3 specification: libs/contracts/test/asyncapi.unit.test.ts.
    expect(response.json()).toEqual(asyncApiDocument());
  });
});
