import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aTopicNamespace,
  eventually,
  findMessage,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../src/app';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-campaigns-test';

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(campaignsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'campaigns',
    BRAND_TIME_ZONE: 'Asia/Shanghai',
    FOLLOW_UP_POLL_MS: 100,
  });
});
afterAll(() => campaigns?.close());

const aPurchaseRecorded = (memberId: string, purchasedAt: Date) => {
  const purchaseId = randomUUID();
  return createEvent({
    type: 'purchase.recorded',
    brandId: BRAND,
    storeId: 'SH-001',
    memberId,
    data: {
      purchaseId,
      memberId,
      storeId: 'SH-001',
      receiptNumber: `R-${purchaseId.slice(0, 8)}`,
      amountFen: 100_000,
      lines: [{ sku: 'A', name: '手镯', quantity: 1, unitPriceFen: 100_000 }],
      purchasedAt: purchasedAt.toISOString(),
    },
  });
};

const publish = (event: ReturnType<typeof aPurchaseRecorded>) =>
  publishRaw(inject('kafkaBrokers'), topic(Topics.loyaltyEvents), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

const followUpsOf = async (memberId: string) =>
  (
    await campaigns.app.inject({
      url: `/v1/members/${memberId}/follow-ups`,
      headers: { 'x-laoke-brand-id': BRAND },
    })
  ).json<{ items: { purchaseId: string; step: string; status: string }[] }>().items;

describe('R6: the follow-up cadence of a purchase', () => {
  it('when a purchase is recorded, then the day-0 thank-you is requested at once and the later steps wait', async () => {
    const memberId = randomUUID();

    await publish(aPurchaseRecorded(memberId, new Date()));

    const request = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.notificationRequests),
      (e) => e.type === 'notification.requested' && e.data['memberId'] === memberId,
    );
    expect(JSON.parse(request.value)).toMatchObject({
      brandId: BRAND,
      data: { template: 'purchase.thank_you', channel: 'sms', category: 'care' },
    });
    expect((await followUpsOf(memberId)).map((f) => [f.step, f.status])).toEqual([
      ['day-0-thank-you', 'dispatched'],
      ['day-3-follow-up', 'pending'],
      ['week-3-care-tips', 'pending'],
      ['month-3-cleaning-invitation', 'pending'],
    ]);
  });

  it('when the member buys again, then the cadence restarts but the earlier thank-you is still owed', async () => {
    const memberId = randomUUID();
    const first = aPurchaseRecorded(memberId, new Date(Date.now() - 60_000));
    const second = aPurchaseRecorded(memberId, new Date());

    await publish(first);
    await publish(second);

    await eventually(async () => {
      const steps = (await followUpsOf(memberId)).map((f) => [
        f.purchaseId === first.data.purchaseId ? 'first' : 'second',
        f.step,
        f.status,
      ]);
      expect(steps).toEqual(
        expect.arrayContaining([
          ['first', 'day-0-thank-you', 'dispatched'],
          ['first', 'day-3-follow-up', 'superseded'],
          ['first', 'month-3-cleaning-invitation', 'superseded'],
          ['second', 'day-0-thank-you', 'dispatched'],
          ['second', 'day-3-follow-up', 'pending'],
          ['second', 'month-3-cleaning-invitation', 'pending'],
        ]),
      );
    });
  });
});
