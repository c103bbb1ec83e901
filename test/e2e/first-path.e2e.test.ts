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
  // These tests run at any hour: this brand sends care messages at night too (R5's quiet hours
  // are the default, and their deferral has its own tests).
  const policy = await api.call('PUT', '/v1/notification-policy', { sendingWindows: [] });
  expect(policy.status).toBe(200);
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
      {
        groupId: stack.topicPrefix + 'campaigns.follow-up-cadence',
        topic: stack.topicPrefix + Topics.loyaltyEvents,
      },
      {
        groupId: stack.topicPrefix + 'notifications.deliveries',
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
      {
        groupId: stack.topicPrefix + 'campaigns.follow-up-cadence',
        topic: stack.topicPrefix + Topics.loyaltyEvents,
      },
      {
        groupId: stack.topicPrefix + 'notifications.deliveries',
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

  it('no service writes the mobile of a member to its log, even from a lookup, a 404 or a query string', async () => {
    const member = await aRegisteredMember();
    const stranger = aMemberRegistration();
    await api.recordPurchase(aPurchase(member.memberId), anIdempotencyKey());
    await eventually(() => expect(smsTo(member.mobile)).toHaveLength(1));
    expect((await api.searchMember({ mobile: member.mobile })).status).toBe(200);
    expect((await api.searchMember({ mobile: stranger.mobile })).status).toBe(404);
    await api.call('GET', `/v1/members/${member.memberId}/notifications?mobile=${stranger.mobile}`);
    await api.call('GET', `/v1/no-such-route?mobile=${member.mobile}`);
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
      // Two searches, each logged by the gateway and by members.
      expect(text.split('/v1/members/search').length - 1).toBeGreaterThanOrEqual(4);
      return text;
    });
    expect((await readdir(logDir)).filter((f) => f.endsWith('.log')).sort()).toEqual(
      ['campaigns', 'gateway', 'loyalty', 'members', 'notifications'].map((s) => `${s}.log`),
    );
    expect(logs).not.toContain(member.mobile);
    expect(logs).not.toContain(stranger.mobile);
  });

  it('the member profile never shows the full mobile', async () => {
    const member = await aRegisteredMember();
    const { body } = await api.registerMember({ ...member, memberId: undefined });
    expect(body['mobile']).toBe(`${member.mobile.slice(0, 3)}****${member.mobile.slice(-4)}`);
  });
});
