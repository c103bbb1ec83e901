import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Topics } from '@laoke/contracts';
import { startStack, type RunningStack } from '@laoke/devstack';
import {
  aMemberRegistration,
  aPurchase,
  anIdempotencyKey,
  eventually,
  findMessage,
  publishRaw,
  waitForConsumersToCatchUp,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gatewayClient } from './gateway-client';

const API_KEY = 'e2e-key-0123456789';
let stack: RunningStack;
let api: ReturnType<typeof gatewayClient>;

beforeAll(async () => {
  stack = await startStack({
    mode: 'test',
    log: () => {},
    apiKey: API_KEY,
    brandId: 'e2e-jewelry',
    postgresUrl: inject('postgresAdminUrl'),
    kafkaBrokers: inject('kafkaBrokers'),
  });
  api = gatewayClient(stack.gatewayUrl, API_KEY);
});

afterAll(async () => {
  await stack?.stop();
});

const smsTo = (mobile: string) => stack.sink.messages().filter((m) => m.to === mobile);

async function aRegisteredMember() {
  const registration = aMemberRegistration();
  const { status, body } = await api.registerMember(registration);
  expect(status).toBe(201);
  return { ...registration, memberId: body['memberId'] as string };
}

describe('the first path, over HTTP through the gateway, on the real broker and database', () => {
  it('R4/R6: a purchase earns 1 point per 10 yuan and the member gets exactly one thank-you by name', async () => {
    const member = await aRegisteredMember();

    const purchase = await api.recordPurchase(
      aPurchase(member.memberId, { amountFen: 1_288_050 }),
      anIdempotencyKey(),
    );

    expect(purchase.status).toBe(201);
    expect(purchase.body).toMatchObject({ pointsEarned: 1288, pointsBalance: 1288 });
    expect((await api.points(member.memberId)).body).toMatchObject({ balance: 1288 });
    const [thankYou, ...others] = await eventually(() => {
      const received = smsTo(member.mobile);
      expect(received).not.toHaveLength(0);
      return received;
    });
    expect(others).toHaveLength(0);
    expect(thankYou?.text).toContain(member.name);
    expect(thankYou?.text).toMatch(/^【.+】/);
  });

  it('a purchase replayed with the same Idempotency-Key returns the first result, adds no points, sends nothing more', async () => {
    const member = await aRegisteredMember();
    const sale = aPurchase(member.memberId, { amountFen: 520_000 });
    const key = anIdempotencyKey();
    const first = await api.recordPurchase(sale, key);
    await eventually(() => expect(smsTo(member.mobile)).toHaveLength(1));

    const replay = await api.recordPurchase(sale, key);

    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await api.points(member.memberId)).body['balance']).toBe(520);
    await waitForConsumersToCatchUp(stack.brokers, [
      { groupId: 'campaigns.follow-up-cadence', topic: stack.topicPrefix + Topics.loyaltyEvents },
      {
        groupId: 'notifications.deliveries',
        topic: stack.topicPrefix + Topics.notificationRequests,
      },
    ]);
    expect(smsTo(member.mobile)).toHaveLength(1);
  });

  it('an event delivered twice on purpose changes nothing: no second cadence, no second message', async () => {
    const member = await aRegisteredMember();
    const { body: purchase } = await api.recordPurchase(
      aPurchase(member.memberId),
      anIdempotencyKey(),
    );
    await eventually(() => expect(smsTo(member.mobile)).toHaveLength(1));
    const recorded = await findMessage(
      stack.brokers,
      stack.topicPrefix + Topics.loyaltyEvents,
      (e) => e.type === 'purchase.recorded' && e.data['purchaseId'] === purchase['purchaseId'],
    );
    const requested = await findMessage(
      stack.brokers,
      stack.topicPrefix + Topics.notificationRequests,
      (e) => e.type === 'notification.requested' && e.data['memberId'] === member.memberId,
    );

    await publishRaw(stack.brokers, stack.topicPrefix + Topics.loyaltyEvents, [recorded, recorded]);
    await publishRaw(stack.brokers, stack.topicPrefix + Topics.notificationRequests, [
      requested,
      requested,
    ]);
    await waitForConsumersToCatchUp(stack.brokers, [
      { groupId: 'campaigns.follow-up-cadence', topic: stack.topicPrefix + Topics.loyaltyEvents },
      {
        groupId: 'notifications.deliveries',
        topic: stack.topicPrefix + Topics.notificationRequests,
      },
    ]);

    const followUps = (await api.followUps(member.memberId)).body['items'] as {
      step: string;
      status: string;
    }[];
    expect(followUps.map((f) => [f.step, f.status])).toEqual([
      ['day-0-thank-you', 'dispatched'],
      ['day-3-follow-up', 'pending'],
      ['week-3-care-tips', 'pending'],
      ['month-3-cleaning-invitation', 'pending'],
    ]);
    expect((await api.notifications(member.memberId)).body['items']).toHaveLength(1);
    expect(smsTo(member.mobile)).toHaveLength(1);
    expect((await api.points(member.memberId)).body['balance']).toBe(1288);
  });

  it('the request id given at the gateway is echoed and carried into the events', async () => {
    const member = await aRegisteredMember();
    const requestId = `trace-${Date.now()}`;

    const response = await fetch(`${stack.gatewayUrl}/v1/purchases`, {
      method: 'POST',
      headers: {
        'x-api-key': API_KEY,
        'content-type': 'application/json',
        'idempotency-key': anIdempotencyKey(),
        'x-request-id': requestId,
      },
      body: JSON.stringify(aPurchase(member.memberId)),
    });

    expect(response.headers.get('x-request-id')).toBe(requestId);
    const recorded = await findMessage(
      stack.brokers,
      stack.topicPrefix + Topics.loyaltyEvents,
      (e) => e.type === 'purchase.recorded' && e.data['memberId'] === member.memberId,
    );
    expect(JSON.parse(recorded.value)).toMatchObject({ correlationId: requestId });
  });

  it('the gateway serves one OpenAPI document for the whole public API', async () => {
    const document = (await (await fetch(`${stack.gatewayUrl}/docs/json`)).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string }[]; security?: unknown }>
      >;
    };

    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/members', '/v1/purchases', '/v1/members/{memberId}/points']),
    );
    const recordPurchase = document.paths['/v1/purchases']?.['post'];
    expect(recordPurchase?.security).toEqual([{ apiKey: [] }]);
    expect(recordPurchase?.parameters?.map((p) => p.name)).toContain('idempotency-key');
    expect(recordPurchase?.parameters?.map((p) => p.name)).not.toContain('x-laoke-brand-id');
  });

  it('no service writes the mobile of a member to its log', async () => {
    const member = await aRegisteredMember();
    await api.recordPurchase(aPurchase(member.memberId), anIdempotencyKey());
    await eventually(() => expect(smsTo(member.mobile)).toHaveLength(1));
    await api.points(member.memberId);

    const logDir = stack.logDir ?? '';
    const allLogs = async () =>
      (
        await Promise.all(
          (await readdir(logDir))
            .filter((f) => f.endsWith('.log'))
            .map((f) => readFile(join(logDir, f), 'utf8')),
        )
      ).join('\n');
    // The request for the balance names the member, so once it is in, this member's logs are.
    const logs = await eventually(async () => {
      const text = await allLogs();
      expect(text).toContain(`/v1/members/${member.memberId}/points`);
      return text;
    });
    expect(logs).not.toContain(member.mobile);
  });

  it('the member profile never shows the full mobile', async () => {
    const member = await aRegisteredMember();
    const { body } = await api.registerMember({ ...member, memberId: undefined });
    expect(body['mobile']).toBe(`${member.mobile.slice(0, 3)}****${member.mobile.slice(-4)}`);
  });
});

describe('bad input gets a 4xx problem naming the field, and nothing is written', () => {
  it.each([
    ['a missing name', { name: undefined }, 'name'],
    ['a malformed mobile', { mobile: '12345' }, 'mobile'],
    ['a birthday of the wrong type', { birthday: 19880808 }, 'birthday'],
    ['a birthday in the future', { birthday: '2999-01-01' }, 'birthday'],
    ['an unknown field', { vip: true }, 'vip'],
  ])('POST /v1/members with %s', async (_case, override, field) => {
    const registration = aMemberRegistration(override);

    const response = await api.registerMember(registration);

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body['field'] ?? response.body['errors']?.[0]?.field).toBe(field);
    const valid = aMemberRegistration({ mobile: registration.mobile });
    if (typeof registration.mobile === 'string' && /^1[3-9]\d{9}$/.test(registration.mobile)) {
      expect((await api.registerMember(valid)).status).toBe(201);
    }
  });

  it.each([
    ['no amount', { amountFen: undefined }, 'amountFen'],
    ['a negative amount', { amountFen: -100 }, 'amountFen'],
    ['an amount in yuan with decimals', { amountFen: 99.5 }, 'amountFen'],
    ['an amount as a string', { amountFen: '1000' }, 'amountFen'],
    ['no lines', { lines: [] }, 'lines'],
    [
      'a line with a negative quantity',
      { lines: [{ sku: 'A', name: 'B', quantity: -1, unitPriceFen: 1 }] },
      'lines.0.quantity',
    ],
    ['a member id that is not an id', { memberId: 'not-a-uuid' }, 'memberId'],
    ['an unknown member', { memberId: '01900000-0000-7000-8000-000000000000' }, 'memberId'],
  ])('POST /v1/purchases with %s', async (_case, override, field) => {
    const member = await aRegisteredMember();
    const key = anIdempotencyKey();
    const bad = aPurchase(member.memberId, override);

    const response = await api.recordPurchase(bad, key);

    expect([400, 422]).toContain(response.status);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body['field']).toBe(field);
    expect((await api.points(member.memberId)).body['balance']).toBe(0);
    // Neither the key nor the receipt was used up by the refused request.
    const good = await api.recordPurchase(
      aPurchase(member.memberId, { receiptNumber: bad.receiptNumber }),
      key,
    );
    expect(good.status).toBe(201);
  });

  it('POST /v1/purchases without an Idempotency-Key', async () => {
    const member = await aRegisteredMember();
    const response = await api.recordPurchase(aPurchase(member.memberId));
    expect(response.status).toBe(400);
    expect(response.body['field']).toBe('idempotency-key');
  });

  it('a call without a valid API key is refused', async () => {
    const anonymous = gatewayClient(stack.gatewayUrl, undefined);
    const wrongKey = gatewayClient(stack.gatewayUrl, 'not-the-key');
    expect((await anonymous.registerMember(aMemberRegistration())).status).toBe(401);
    expect((await wrongKey.registerMember(aMemberRegistration())).status).toBe(401);
  });
});
