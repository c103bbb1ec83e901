import { randomUUID } from 'node:crypto';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  eventually,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as loyaltyApp from '../../apps/loyalty/src/app';
import * as membersApp from '../../apps/members/src/app';
import * as notificationsApp from '../../apps/notifications/src/app';

const DAY = 86_400_000;
const SANDBOX = `sandbox-${randomUUID().slice(0, 8)}`;
const NORMAL = `normal-${randomUUID().slice(0, 8)}`;
let members: ServiceUnderTest;
let loyalty: ServiceUnderTest;
let notifications: ServiceUnderTest;

beforeAll(async () => {
  const ns = await aTopicNamespace();
  const common = { KAFKA_TOPIC_PREFIX: ns.prefix, PII_ENCRYPTION_KEY: TEST_PII_KEY };
  members = await startServiceUnderTest(membersApp, { ...common, SERVICE_NAME: 'members' });
  // Real time throughout: only the sandbox brand's clock moves, through the members API.
  loyalty = await startServiceUnderTest(loyaltyApp, {
    ...common,
    SERVICE_NAME: 'loyalty',
    MEMBERS_URL: members.url,
  });
  notifications = await startServiceUnderTest(notificationsApp, {
    ...common,
    SERVICE_NAME: 'notifications',
    SMS_PROVIDER_URL: 'http://127.0.0.1:9/sms',
    MEMBERS_URL: members.url,
  });
});
afterAll(async () => {
  await notifications?.close();
  await loyalty?.close();
  await members?.close();
});

const call = (method: 'PUT' | 'POST', url: string, payload: object, brand = SANDBOX) =>
  members.app.inject({
    method,
    url,
    headers: { ...identityHeaders({ brandId: brand }), 'idempotency-key': `clock-${randomUUID()}` },
    payload,
  });

describe('sandbox brand clocks in loyalty and notifications', () => {
  it("when a sandbox brand's clock is advanced 30 days, then loyalty and notifications see that as its now, and a normal brand's now stays real", async () => {
    const brand = { name: '沙盒', smsSignature: '【沙盒】' };
    expect((await call('PUT', '/v1/brand', { ...brand, sandbox: true })).statusCode).toBe(201);
    expect((await call('PUT', '/v1/brand', brand, NORMAL)).statusCode).toBe(201);
    const start = new Date('2027-02-01T04:00:00Z');
    expect(
      (await call('PUT', '/v1/brand/clock', { frozenAt: start.toISOString() })).statusCode,
    ).toBe(200);

    const advanced = await call('POST', '/v1/brand/clock/advance', { by: 'P30D' });
    expect(advanced.statusCode).toBe(200);

    const thirtyDaysOn = new Date(start.getTime() + 30 * DAY);
    await eventually(() => {
      expect(loyalty.context.clock.nowFor(SANDBOX)).toEqual(thirtyDaysOn);
      expect(notifications.context.clock.nowFor(SANDBOX)).toEqual(thirtyDaysOn);
    });
    for (const service of [loyalty, notifications]) {
      expect(Math.abs(service.context.clock.nowFor(NORMAL).getTime() - Date.now())).toBeLessThan(
        5_000,
      );
    }
  });
});
