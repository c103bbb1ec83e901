import { randomUUID } from 'node:crypto';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as membersApp from '../src/app';

let members: ServiceUnderTest;
const DAY = 86_400_000;

beforeAll(async () => {
  const ns = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
});
afterAll(() => members?.close());

const call = (brand: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  members.app.inject({
    method,
    url,
    headers: {
      ...identityHeaders({ brandId: brand }),
      ...(method === 'POST' && { 'idempotency-key': `clock-${randomUUID()}` }),
    },
    ...(payload && { payload }),
  });

async function aBrand(sandbox: boolean) {
  const brand = `brand-clock-${randomUUID().slice(0, 8)}`;
  const response = await call(brand, 'PUT', '/v1/brand', {
    name: '沙盒珠宝',
    smsSignature: '【沙盒】',
    sandbox,
  });
  expect(response.statusCode).toBe(201);
  return brand;
}

const nowOf = async (brand: string) =>
  new Date((await call(brand, 'GET', '/v1/brand/clock')).json<{ now: string }>().now);

const clockEvents = (brand: string) =>
  members.context
    .db('outbox')
    .where({ event_type: 'brand.clock-changed', message_key: brand })
    .orderBy('position');

describe('brand clocks', () => {
  it('when a sandbox clock is set and advanced, then the brand lives at that time and others do not', async () => {
    const brand = await aBrand(true);
    const before = await call(brand, 'GET', '/v1/brand/clock');
    expect(before.json()).toMatchObject({ sandbox: true, frozen: false });
    const start = new Date(Date.now() + DAY);

    const set = await call(brand, 'PUT', '/v1/brand/clock', { frozenAt: start.toISOString() });
    const advanced = await call(brand, 'POST', '/v1/brand/clock/advance', { by: 'P3D' });
    const bySeconds = await call(brand, 'POST', '/v1/brand/clock/advance', { by: 3_600 });

    expect(set.json()).toMatchObject({ frozen: true, now: start.toISOString() });
    expect(advanced.json()).toMatchObject({
      now: new Date(start.getTime() + 3 * DAY).toISOString(),
    });
    const expected = new Date(start.getTime() + 3 * DAY + 3_600_000);
    expect(bySeconds.json()).toMatchObject({ now: expected.toISOString() });
    expect(await nowOf(brand)).toEqual(expected);
    expect(members.context.clock.nowFor(brand)).toEqual(expected);
    const other = await aBrand(false);
    expect(Math.abs(members.context.clock.nowFor(other).getTime() - Date.now())).toBeLessThan(
      5_000,
    );

    const events = await clockEvents(brand);
    expect(
      events.map((e: { payload: { data: { frozenAt: string } } }) => e.payload.data.frozenAt),
    ).toEqual([
      start.toISOString(),
      new Date(start.getTime() + 3 * DAY).toISOString(),
      expected.toISOString(),
    ]);
    expect(events[0].topic).toBe('organisation.events');
  });

  it('when the clock would move backwards, then 422 CLOCK_CANNOT_GO_BACK names the field and nothing changes', async () => {
    const brand = await aBrand(true);
    const at = new Date(Date.now() + DAY);
    await call(brand, 'PUT', '/v1/brand/clock', { frozenAt: at.toISOString() });

    const earlier = await call(brand, 'PUT', '/v1/brand/clock', {
      frozenAt: new Date(at.getTime() - 1_000).toISOString(),
    });
    const negative = await call(brand, 'POST', '/v1/brand/clock/advance', { by: -60 });
    const negativeDuration = await call(brand, 'POST', '/v1/brand/clock/advance', { by: '-P1D' });

    expect(earlier.statusCode).toBe(422);
    expect(earlier.json()).toMatchObject({ code: 'CLOCK_CANNOT_GO_BACK', field: 'frozenAt' });
    for (const response of [negative, negativeDuration]) {
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'CLOCK_CANNOT_GO_BACK', field: 'by' });
    }
    expect(await nowOf(brand)).toEqual(at);
    expect(await clockEvents(brand)).toHaveLength(1);
  });

  it('when the duration is not one the clock can take, then 400 names by', async () => {
    const brand = await aBrand(true);
    for (const by of ['P1M', 'three days', true, 1.5, 10 ** 12, 'P999999W']) {
      const response = await call(brand, 'POST', '/v1/brand/clock/advance', { by });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field: 'by' });
    }
    const missing = await call(brand, 'PUT', '/v1/brand/clock', { frozenAt: 'tomorrow' });
    expect(missing.json()).toMatchObject({ field: 'frozenAt' });
    expect(await clockEvents(brand)).toHaveLength(0);
  });

  it('when a normal brand tries to move its clock, then 422 BRAND_NOT_SANDBOX', async () => {
    const brand = await aBrand(false);
    const set = await call(brand, 'PUT', '/v1/brand/clock', {
      frozenAt: new Date(Date.now() + DAY).toISOString(),
    });
    const advance = await call(brand, 'POST', '/v1/brand/clock/advance', { by: 'P3D' });
    for (const response of [set, advance]) {
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'BRAND_NOT_SANDBOX' });
    }
    expect((await call(brand, 'GET', '/v1/brand/clock')).json()).toMatchObject({
      sandbox: false,
      frozen: false,
    });
  });

  it('when the brand was never set up, then its clock is 404', async () => {
    const response = await call('brand-nobody', 'POST', '/v1/brand/clock/advance', { by: 60 });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'BRAND_NOT_FOUND' });
  });

  it('when five advances race, then every one counts: no lost update', async () => {
    const brand = await aBrand(true);
    const start = new Date(Date.now() + DAY);
    await call(brand, 'PUT', '/v1/brand/clock', { frozenAt: start.toISOString() });

    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(brand, 'POST', '/v1/brand/clock/advance', { by: 'P1D' }),
      ),
    );

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(await nowOf(brand)).toEqual(new Date(start.getTime() + 5 * DAY));
  });

  it('when an advance is retried with its Idempotency-Key, then the clock moved once and the retry gets the same answer', async () => {
    const brand = await aBrand(true);
    const start = new Date(Date.now() + DAY);
    await call(brand, 'PUT', '/v1/brand/clock', { frozenAt: start.toISOString() });
    const advance = (by: string) =>
      members.app.inject({
        method: 'POST',
        url: '/v1/brand/clock/advance',
        headers: { ...identityHeaders({ brandId: brand }), 'idempotency-key': 'advance-once-1' },
        payload: { by },
      });

    const first = await advance('P1D');
    const retry = await advance('P1D');
    const otherBody = await advance('P2D');

    expect(first.json()).toEqual(retry.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json()).toMatchObject({ field: 'idempotency-key' });
    expect(await nowOf(brand)).toEqual(new Date(start.getTime() + DAY));
    expect(await clockEvents(brand)).toHaveLength(2);
  });

  it('when an advance has no Idempotency-Key, then 400 names it and the clock stays', async () => {
    const brand = await aBrand(true);
    const response = await members.app.inject({
      method: 'POST',
      url: '/v1/brand/clock/advance',
      headers: identityHeaders({ brandId: brand }),
      payload: { by: 'P1D' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'idempotency-key' });
    expect(await clockEvents(brand)).toHaveLength(0);
  });
});
