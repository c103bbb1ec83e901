import { randomUUID } from 'node:crypto';
import { Topics } from '@laoke/contracts';
import {
  aTestClock,
  aTopicNamespace,
  findMessage,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../../src/app';
import type { BroadcastPolicy } from '../../src/domain/broadcasts/broadcast-policy';
import { fanOutBroadcasts } from '../../src/domain/broadcasts/fan-out-broadcasts.use-case';
import { DEFAULT_RFM_POLICY } from '../../src/domain/segments/rfm-policy';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
// 10:00 in Shanghai.
const clock = aTestClock(new Date('2026-06-01T02:00:00Z'));
const slow: BroadcastPolicy = {
  timeZone: 'Asia/Shanghai',
  rfm: DEFAULT_RFM_POLICY,
  ratePerSecond: 5,
  batchSize: 100,
};

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      MEMBERS_URL: 'http://127.0.0.1:9',
      // The tests fan out themselves, with the policy each one needs.
      BROADCAST_POLL_MS: 3_600_000,
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;
const aBrand = () => `brand-bc-${randomUUID().slice(0, 8)}`;
const fanOut = (policy: BroadcastPolicy = slow) => fanOutBroadcasts({ db: db(), clock, policy });

/** Members straight into the projection (the projection's own test feeds it from events). */
async function seedMembers(
  brandId: string,
  count: number,
  profile: { consents?: Record<string, boolean>; tier?: string } = {},
) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db()('greeting_members').insert(
    ids.map((id) => ({ brand_id: brandId, member_id: id, home_store_id: 'BC-S1' })),
  );
  await db()('member_profiles').insert(
    ids.map((id) => ({
      brand_id: brandId,
      member_id: id,
      tier: profile.tier ?? 'gold',
      consents: JSON.stringify(profile.consents ?? {}),
    })),
  );
  return ids;
}

const call = (
  brandId: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => campaigns.app.inject({ method, url, headers: identityHeaders({ brandId: brandId }), payload });

async function aSegment(brandId: string, criteria: object = { tiers: ['gold'] }) {
  const response = await call(brandId, 'POST', '/v1/segments', { name: 'gold', criteria });
  expect(response.statusCode).toBe(201);
  return response.json<{ segmentId: string }>().segmentId;
}

async function aBroadcast(brandId: string, segmentId: string, overrides: object = {}) {
  const response = await call(brandId, 'POST', '/v1/broadcasts', {
    segmentId,
    template: 'broadcast.autumn-collection',
    category: 'marketing',
    sendAt: '2026-06-01T09:00',
    ...overrides,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ broadcastId: string; scheduledAt: string; state: string }>();
}

const progressOf = async (brandId: string, broadcastId: string) =>
  (await call(brandId, 'GET', `/v1/broadcasts/${broadcastId}`)).json<{
    state: string;
    requested: number;
  }>();

type Requested = { memberId: string; purpose: string; category: string; dedupeKey: string };
const requestedBy = async (broadcastId: string): Promise<Requested[]> => {
  const rows: { payload: { data: Requested } }[] = await db()('outbox')
    .where({ event_type: 'notification.requested' })
    .whereRaw("payload->'data'->>'dedupeKey' like ?", [`broadcast:${broadcastId}:%`])
    .orderBy('position');
  return rows.map((r) => r.payload.data);
};

describe('segments: definitions as data', () => {
  it('are created, listed, read, replaced and deleted; the preview counts the members', async () => {
    const brandId = aBrand();
    await seedMembers(brandId, 3);
    await seedMembers(brandId, 2, { tier: 'silver' });
    const segmentId = await aSegment(brandId);
    expect((await call(brandId, 'POST', `/v1/segments/${segmentId}/preview`)).json()).toMatchObject(
      {
        count: 3,
      },
    );

    const list = await call(brandId, 'GET', '/v1/segments?limit=10');
    expect(list.json<{ items: { segmentId: string }[] }>().items.map((s) => s.segmentId)).toEqual([
      segmentId,
    ]);
    const replaced = await call(brandId, 'PUT', `/v1/segments/${segmentId}`, {
      name: 'everyone',
      criteria: { tiers: ['gold', 'silver'] },
    });
    expect(replaced.json()).toMatchObject({
      name: 'everyone',
      criteria: { tiers: ['gold', 'silver'] },
    });
    expect((await call(brandId, 'POST', `/v1/segments/${segmentId}/preview`)).json()).toMatchObject(
      {
        count: 5,
      },
    );
    expect((await call(brandId, 'DELETE', `/v1/segments/${segmentId}`)).statusCode).toBe(200);
    expect((await call(brandId, 'GET', `/v1/segments/${segmentId}`)).statusCode).toBe(404);
    // Another brand's segment is not found.
    const other = await aSegment(aBrand());
    expect((await call(brandId, 'POST', `/v1/segments/${other}/preview`)).statusCode).toBe(404);
  });

  it('bad criteria are a 400 naming the field, and nothing is written', async () => {
    const brandId = aBrand();
    for (const [criteria, field] of [
      [{ tiers: [] }, 'criteria.tiers'],
      [{ birthdayMonths: [13] }, 'criteria.birthdayMonths[0]'],
      [{ spendFen: { min: -1 } }, 'criteria.spendFen.min'],
      [{ lapseStates: ['sleeping'] }, 'criteria.lapseStates[0]'],
      [{ rfm: { recency: { min: 0 } } }, 'criteria.rfm.recency.min'],
      [{ consent: { channel: 'fax', category: 'care' } }, 'criteria.consent.channel'],
      [{ color: 'red' }, 'criteria.color'],
      [{ spendFen: { min: 500, max: 100 } }, 'criteria.spendFen.max'],
      [{ rfm: { monetary: { min: 4, max: 2 } } }, 'criteria.rfm.monetary.max'],
      [
        { lastPurchase: { after: '2026-05-01', before: '2026-04-01' } },
        'criteria.lastPurchase.before',
      ],
    ] as const) {
      const response = await call(brandId, 'POST', '/v1/segments', { name: 'bad', criteria });
      expect(response.statusCode, JSON.stringify(criteria)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ field: string }>().field, JSON.stringify(criteria)).toBe(field);
    }
    expect(await db()('segments').where({ brand_id: brandId })).toHaveLength(0);
  });
});

describe('broadcasts: a segment fanned out as notification.requested', () => {
  it('waits for its local send time, then requests members in throttled batches; cancel mid-way leaves the rest unsent', async () => {
    const brandId = aBrand();
    const members = await seedMembers(brandId, 12);
    const segmentId = await aSegment(brandId);
    const broadcast = await aBroadcast(brandId, segmentId, { sendAt: '2026-06-01T11:00' });
    expect(broadcast.scheduledAt).toBe('2026-06-01T03:00:00.000Z');

    expect(await fanOut()).toBe(0);
    expect(await progressOf(brandId, broadcast.broadcastId)).toMatchObject({
      state: 'scheduled',
      requested: 0,
    });

    clock.advance({ hours: 1 });
    // 5 a second: the first batch is one second's worth; a second tick at the same instant has no budget.
    expect(await fanOut()).toBe(5);
    expect(await fanOut()).toBe(0);
    expect(await progressOf(brandId, broadcast.broadcastId)).toMatchObject({
      state: 'sending',
      requested: 5,
    });

    const cancelled = await call(brandId, 'POST', `/v1/broadcasts/${broadcast.broadcastId}/cancel`);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', requested: 5 });
    clock.advance({ minutes: 10 });
    expect(await fanOut()).toBe(0);

    const requested = await requestedBy(broadcast.broadcastId);
    expect(requested.map((r) => r.memberId)).toEqual([...members].sort().slice(0, 5));
    expect(requested[0]).toMatchObject({ purpose: 'broadcast', category: 'marketing' });
    const first = requested[0] as Requested;
    await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationRequests),
      (e) => e.type === 'notification.requested' && e.data['dedupeKey'] === first.dedupeKey,
    );
    expect(
      (await call(brandId, 'POST', `/v1/broadcasts/${broadcast.broadcastId}/cancel`)).statusCode,
    ).toBe(200);
  });

  it('two replicas fanning out at once request each member exactly once', async () => {
    const brandId = aBrand();
    const members = await seedMembers(brandId, 40);
    const { broadcastId } = await aBroadcast(brandId, await aSegment(brandId));
    const fast = { ...slow, ratePerSecond: 1000, batchSize: 7 };
    const replica = async () => {
      while ((await progressOf(brandId, broadcastId)).state !== 'completed') {
        await fanOut(fast);
        clock.advance({ minutes: 1 });
      }
    };
    await Promise.all([replica(), replica()]);

    const requested = await requestedBy(broadcastId);
    expect(requested).toHaveLength(40);
    expect(new Set(requested.map((r) => r.memberId))).toEqual(new Set(members));
    expect(await progressOf(brandId, broadcastId)).toMatchObject({
      state: 'completed',
      requested: 40,
    });
  });

  it('members who revoked the category on every messaging channel are not requested; one revoked channel is left to notifications', async () => {
    const brandId = aBrand();
    const [allRevoked] = await seedMembers(brandId, 1, {
      consents: { 'sms:marketing': false, 'wechat:marketing': false, 'email:marketing': false },
    });
    const [smsRevoked] = await seedMembers(brandId, 1, { consents: { 'sms:marketing': false } });
    const [careRevoked] = await seedMembers(brandId, 1, {
      consents: { 'sms:care': false, 'wechat:care': false, 'email:care': false },
    });
    const { broadcastId } = await aBroadcast(brandId, await aSegment(brandId));
    clock.advance({ minutes: 1 });
    await fanOut();

    const requested = (await requestedBy(broadcastId)).map((r) => r.memberId);
    expect(requested).not.toContain(allRevoked);
    expect(requested.sort()).toEqual([smsRevoked, careRevoked].sort());
  });

  it('bad input is a 4xx naming the field, and nothing is written', async () => {
    const brandId = aBrand();
    const segmentId = await aSegment(brandId);
    for (const [body, status, field] of [
      [{ sendAt: '2026-06-01 09:00' }, 400, 'sendAt'],
      [{ sendAt: '2026-02-30T09:00' }, 400, 'sendAt'],
      [{ category: 'promo' }, 400, 'category'],
      [{ template: 'has space' }, 400, 'template'],
      [{ segmentId: randomUUID() }, 422, 'segmentId'],
    ] as const) {
      const valid = {
        segmentId,
        template: 'broadcast.x',
        category: 'marketing',
        sendAt: '2026-06-01T09:00',
      };
      const response = await call(brandId, 'POST', '/v1/broadcasts', { ...valid, ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json<{ field: string }>().field).toBe(field);
    }
    expect(await db()('broadcasts').where({ brand_id: brandId })).toHaveLength(0);
    expect((await call(brandId, 'GET', `/v1/broadcasts/${randomUUID()}`)).statusCode).toBe(404);
  });
});
