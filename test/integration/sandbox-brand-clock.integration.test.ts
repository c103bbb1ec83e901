import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  TEST_PII_KEY,
  aPurchaseRecordedEvent,
  aTopicNamespace,
  eventually,
  findMessage,
  publishRaw,
  startServiceUnderTest,
  waitForConsumersToCatchUp,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../../apps/campaigns/src/app';
import * as membersApp from '../../apps/members/src/app';

const DAY = 86_400_000;
const SANDBOX = `sandbox-${randomUUID().slice(0, 8)}`;
const NORMAL = `normal-${randomUUID().slice(0, 8)}`;
const brokers = () => inject('kafkaBrokers');
let topic: (name: string) => string;
let members: ServiceUnderTest;
let campaigns: ServiceUnderTest;

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
  // Real time throughout: only the sandbox brand's clock moves, through the members API.
  campaigns = await startServiceUnderTest(campaignsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'campaigns',
    BRAND_TIME_ZONE: 'Asia/Shanghai',
    FOLLOW_UP_POLL_MS: 100,
    MEMBERS_URL: members.url,
  });
});
afterAll(async () => {
  await campaigns?.close();
  await members?.close();
});

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

/** The next noon in Shanghai (04:00 UTC) at least an hour away: day 3's 10:00 step is before day 3's noon. */
function nextShanghaiNoon(): Date {
  const noon = new Date();
  noon.setUTCHours(4, 0, 0, 0);
  while (noon.getTime() < Date.now() + 3_600_000) noon.setTime(noon.getTime() + DAY);
  return noon;
}

async function purchaseAt(brandId: string, purchasedAt: Date): Promise<string> {
  const memberId = randomUUID();
  const event = aPurchaseRecordedEvent({ brandId, memberId, purchasedAt });
  await publishRaw(brokers(), topic(Topics.loyaltyEvents), [
    { key: memberId, value: JSON.stringify(event) },
  ]);
  return memberId;
}

const day3Of = async (memberId: string) => {
  const row = await campaigns.context
    .db('follow_ups')
    .where({ member_id: memberId, step: 'day-3-follow-up' })
    .first<{ status: string; due_at: Date; dispatched_at: Date | null } | undefined>();
  if (!row) throw new Error('day-3 step not planned yet');
  return row;
};

describe('sandbox brand clocks across services', () => {
  it("when a sandbox brand's clock is advanced 3 days, then its day-3 follow-up is dispatched in its time, and a normal brand's waits", async () => {
    expect(
      (
        await call(SANDBOX, 'PUT', '/v1/brand', {
          name: '沙盒',
          smsSignature: '【沙盒】',
          sandbox: true,
        })
      ).statusCode,
    ).toBe(201);
    await call(NORMAL, 'PUT', '/v1/brand', { name: '真实', smsSignature: '【真实】' });
    const start = nextShanghaiNoon();
    await call(SANDBOX, 'PUT', '/v1/brand/clock', { frozenAt: start.toISOString() });
    // Campaigns learns the sandbox time from brand.clock-changed.
    await eventually(() => expect(campaigns.context.clock.nowFor(SANDBOX)).toEqual(start));

    const sandboxMember = await purchaseAt(SANDBOX, start);
    const normalMember = await purchaseAt(NORMAL, new Date());
    await eventually(async () => {
      expect((await day3Of(sandboxMember)).status).toBe('pending');
      expect((await day3Of(normalMember)).status).toBe('pending');
    });

    const advanced = await call(SANDBOX, 'POST', '/v1/brand/clock/advance', { by: 'P3D' });
    expect(advanced.statusCode).toBe(200);
    const day3 = new Date(start.getTime() + 3 * DAY);

    const dispatched = await eventually(async () => {
      const row = await day3Of(sandboxMember);
      expect(row.status).toBe('dispatched');
      return row;
    });
    // Dispatched in the brand's time, days ahead of the machine's.
    expect(dispatched.dispatched_at).toEqual(day3);
    expect(dispatched.due_at.getTime()).toBeLessThanOrEqual(day3.getTime());
    // The default cadence's day-3 step is a call task on the store's list (R6).
    const requested = await findMessage(
      brokers(),
      topic(Topics.campaignsEvents),
      (e) =>
        e.type === 'task.created' &&
        e.data['memberId'] === sandboxMember &&
        String(e.data['sourceKey']).endsWith(':day-3-follow-up:1'),
    );
    expect(JSON.parse(requested.value)).toMatchObject({
      brandId: SANDBOX,
      occurredAt: day3.toISOString(),
    });
    expect((await day3Of(normalMember)).status).toBe('pending');
    expect(Math.abs(campaigns.context.clock.nowFor(NORMAL).getTime() - Date.now())).toBeLessThan(
      5_000,
    );
  });

  it('when moving the clock backwards is asked, or an old clock change is delivered again, then time does not go back', async () => {
    const now = campaigns.context.clock.nowFor(SANDBOX);
    const back = await call(SANDBOX, 'PUT', '/v1/brand/clock', {
      frozenAt: new Date(now.getTime() - DAY).toISOString(),
    });
    expect(back.statusCode).toBe(422);
    expect(back.json()).toMatchObject({ code: 'CLOCK_CANNOT_GO_BACK' });

    const stale = createEvent({
      type: 'brand.clock-changed',
      brandId: SANDBOX,
      data: {
        brandId: SANDBOX,
        frozenAt: new Date(now.getTime() - 2 * DAY).toISOString(),
        previousAt: new Date(now.getTime() - 3 * DAY).toISOString(),
        changedAt: new Date().toISOString(),
      },
    });
    await publishRaw(brokers(), topic(Topics.organisationEvents), [
      { key: SANDBOX, value: JSON.stringify(stale) },
    ]);
    await waitForConsumersToCatchUp(brokers(), [
      { groupId: topic('campaigns.brand-clocks'), topic: topic(Topics.organisationEvents) },
    ]);
    await campaigns.context.brandClock.refresh(campaigns.context.db);
    expect(campaigns.context.clock.nowFor(SANDBOX)).toEqual(now);
  });
});
