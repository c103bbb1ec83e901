import { startProviderSink, type ProviderSink } from '@laoke/devstack';
import { systemClock } from '@laoke/platform';
import {
  TEST_PII_KEY,
  aMemberRegistration,
  aPurchase,
  aTopicNamespace,
  anIdempotencyKey,
  eventually,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as campaignsApp from '../../apps/campaigns/src/app';
import * as loyaltyApp from '../../apps/loyalty/src/app';
import * as membersApp from '../../apps/members/src/app';
import * as notificationsApp from '../../apps/notifications/src/app';

const BRAND = 'brand-oversized-test';
const headers = identityHeaders({ brandId: BRAND });
const MAX_EVENT_BYTES = 16_384;
let services: ServiceUnderTest[] = [];
let members: ServiceUnderTest;
let loyalty: ServiceUnderTest;
let sink: ProviderSink;

beforeAll(async () => {
  sink = await startProviderSink();
  const { prefix } = await aTopicNamespace();
  const common = { KAFKA_TOPIC_PREFIX: prefix };
  members = await startServiceUnderTest(membersApp, {
    ...common,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
  loyalty = await startServiceUnderTest(loyaltyApp, {
    ...common,
    SERVICE_NAME: 'loyalty',
    MEMBERS_URL: members.url,
    OUTBOX_MAX_EVENT_BYTES: MAX_EVENT_BYTES,
    LOYALTY_LATE_PURCHASE_DAYS: 60,
  });
  const campaigns = await startServiceUnderTest(campaignsApp, {
    ...common,
    SERVICE_NAME: 'campaigns',
    BRAND_TIME_ZONE: 'Asia/Shanghai',
    FOLLOW_UP_POLL_MS: 100,
    FOLLOW_UP_LATE_GRACE_MINUTES: 360,
    MEMBERS_URL: members.url,
  });
  const notifications = await startServiceUnderTest(
    notificationsApp,
    {
      ...common,
      SERVICE_NAME: 'notifications',
      PII_ENCRYPTION_KEY: TEST_PII_KEY,
      SMS_PROVIDER_URL: `${sink.url}/sms`,
      MEMBERS_URL: members.url,
      SMS_SIGNATURE: '【金缘珠宝】',
      UNKNOWN_MEMBER_GRACE_MS: 15_000,
      DELIVERY_RESEND_AFTER_MS: 60_000,
      DELIVERY_MAX_ATTEMPTS: 10,
      DELIVERY_RECOVERY_INTERVAL_MS: 1_000,
    },
    // A thank-you is care, sent only 09:00–21:00 in Shanghai (R5); this test is about the purchase
    // path, so notifications decides at 10:00 there whatever the hour it runs.
    { clock: { now: () => systemClock.now(), nowFor: () => new Date('2026-03-02T02:00:00Z') } },
  );
  services = [notifications, campaigns, loyalty, members];
});

afterAll(async () => {
  for (const service of services) await service.close();
  await sink?.stop();
});

async function aMember() {
  const registration = aMemberRegistration();
  const response = await members.app.inject({
    method: 'POST',
    url: '/v1/members',
    headers,
    payload: registration,
  });
  return { mobile: registration.mobile, memberId: response.json<{ memberId: string }>().memberId };
}

const recordPurchase = (body: object) =>
  loyalty.app.inject({
    method: 'POST',
    url: '/v1/purchases',
    headers: { ...headers, 'idempotency-key': anIdempotencyKey() },
    payload: body,
  });

const purchasesOf = (memberId: string) =>
  loyalty.context.db('purchases').where({ member_id: memberId });

describe('one oversized purchase never stops the others', () => {
  it('a purchase with a 1 MB line property is refused (4xx problem), and the next purchase still gets its thank-you', async () => {
    const member = await aMember();
    const withHugeLine = aPurchase(member.memberId, {
      lines: [
        {
          sku: 'RING-0001',
          name: '戒指',
          quantity: 1,
          unitPriceFen: 1_288_000,
          note: 'x'.repeat(1_048_576),
        },
      ],
    });

    const refused = await recordPurchase(withHugeLine);
    const next = await recordPurchase(aPurchase(member.memberId));

    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(next.statusCode).toBe(201);
    expect(await purchasesOf(member.memberId)).toHaveLength(1);
    await eventually(() =>
      expect(sink.messages().filter((m) => m.to === member.mobile)).toHaveLength(1),
    );
  });

  it('a purchase whose event would exceed OUTBOX_MAX_EVENT_BYTES is a 422 EVENT_TOO_LARGE and writes nothing', async () => {
    const member = await aMember();
    const lines = Array.from({ length: 200 }, (_, i) => ({
      sku: `SKU-${i}`,
      name: '足金手镯'.repeat(40),
      quantity: 1,
      unitPriceFen: 100,
    }));

    const refused = await recordPurchase(aPurchase(member.memberId, { amountFen: 20_000, lines }));

    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'EVENT_TOO_LARGE' });
    expect(await purchasesOf(member.memberId)).toHaveLength(0);
    expect(await loyalty.context.db('outbox').where({ message_key: member.memberId })).toHaveLength(
      0,
    );
  });
});
