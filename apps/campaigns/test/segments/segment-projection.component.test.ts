import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../../src/app';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = `brand-seg-proj-${randomUUID().slice(0, 8)}`;
const headers = identityHeaders({ brandId: BRAND });
const clock = aTestClock(new Date('2026-06-01T02:00:00Z'));

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      MEMBERS_URL: 'http://127.0.0.1:9',
      BROADCAST_POLL_MS: 3_600_000,
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;

const publish = (topicName: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), topic(topicName), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

const profileOf = (memberId: string) =>
  db()('member_profiles').where({ brand_id: BRAND, member_id: memberId }).first() as Promise<
    | {
        tier: string | null;
        tags: string[];
        consents: object;
        spend_fen: string;
        purchase_count: number;
      }
    | undefined
  >;

const at = () => clock.now().toISOString();

async function createSegment(criteria: object) {
  const response = await campaigns.app.inject({
    method: 'POST',
    url: '/v1/segments',
    headers,
    payload: { name: 'gold wedding buyers', criteria },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ segmentId: string }>().segmentId;
}

const previewCount = async (segmentId: string) => {
  const response = await campaigns.app.inject({
    method: 'POST',
    url: `/v1/segments/${segmentId}/preview`,
    headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ count: number }>().count;
};

describe('segments: the member projection is built from the events on the broker', () => {
  const memberId = randomUUID();
  const purchaseId = randomUUID();

  beforeAll(async () => {
    const member = { brandId: BRAND, memberId, storeId: 'SEG-S1' };
    await publish(
      Topics.organisationEvents,
      createEvent({
        type: 'store.upserted',
        brandId: BRAND,
        storeId: 'SEG-S1',
        data: {
          storeId: 'SEG-S1',
          code: 'SEG-S1',
          name: 'SEG-S1',
          ownership: 'franchised',
          franchiseeId: null,
          regionId: 'east',
          address: null,
          timeZone: null,
          status: 'open',
          updatedAt: at(),
        },
      }),
    );
    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.registered',
        ...member,
        data: {
          memberId,
          cardNumber: `VIP${memberId.slice(0, 9)}`,
          name: '李娜',
          mobileEncrypted: 'v1:encrypted',
          mobileMasked: '139****5678',
          birthday: '1992-10-01',
          homeStoreId: 'SEG-S1',
          registeredAt: at(),
        },
      }),
    );
    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.updated',
        ...member,
        data: { memberId, tags: ['婚庆', 'VIP'], updatedAt: at() },
      }),
    );
    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.consent-changed',
        ...member,
        data: {
          memberId,
          channel: 'sms',
          category: 'marketing',
          granted: false,
          source: 'inbound-reply',
          changedAt: at(),
        },
      }),
    );
    await publish(
      Topics.loyaltyEvents,
      createEvent({
        type: 'tier.changed',
        ...member,
        data: {
          memberId,
          fromTier: null,
          toTier: 'gold',
          direction: 'up',
          reason: 'purchase',
          progress: 600_000,
          programmeVersion: 1,
          reviewAt: null,
          changedAt: at(),
        },
      }),
    );
    await publish(
      Topics.loyaltyEvents,
      createEvent({
        type: 'purchase.recorded',
        ...member,
        data: {
          purchaseId,
          memberId,
          storeId: 'SEG-S1',
          receiptNumber: 'SEG-R1',
          amountFen: 600_000,
          lines: [
            { sku: 'RING', name: '戒指', quantity: 1, unitPriceFen: 200_000 },
            { sku: 'NECK', name: '项链', quantity: 1, unitPriceFen: 400_000 },
          ],
          purchasedAt: at(),
        },
      }),
    );
    await publish(
      Topics.loyaltyEvents,
      createEvent({
        type: 'purchase.returned',
        ...member,
        data: {
          returnId: randomUUID(),
          purchaseId,
          memberId,
          storeId: 'SEG-S1',
          lines: [{ lineNumber: 1, sku: 'RING', quantity: 1, pointsReversed: 0 }],
          pointsReversed: 0,
          balance: 0,
        },
      }),
    );
    await eventually(async () => {
      const profile = await profileOf(memberId);
      expect(profile).toMatchObject({ tier: 'gold', tags: ['婚庆', 'VIP'], purchase_count: 1 });
      expect(Number(profile?.spend_fen)).toBe(400_000);
      expect(profile?.consents).toEqual({ 'sms:marketing': false });
      expect(
        await db()('member_activity').where({ brand_id: BRAND, member_id: memberId }).first(),
      ).toBeDefined();
      expect(
        await db()('store_regions').where({ brand_id: BRAND, store_id: 'SEG-S1' }).first(),
      ).toBeDefined();
    });
  });

  it('a segment selects the member by tier, tags, region, birthday month, spend net of returns, lapse state and RFM', async () => {
    const segmentId = await createSegment({
      tiers: ['gold'],
      tags: ['婚庆'],
      regionIds: ['east'],
      storeIds: ['SEG-S1'],
      birthdayMonths: [10],
      spendFen: { min: 400_000, max: 400_000 },
      purchaseCount: { min: 1 },
      lastPurchase: { after: '2026-06-01', before: '2026-06-02' },
      lapseStates: ['active'],
      rfm: { recency: { min: 5 }, frequency: { max: 1 }, monetary: { min: 2, max: 2 } },
      consent: { channel: 'wechat', category: 'marketing' },
    });
    expect(await previewCount(segmentId)).toBe(1);

    const preview = await campaigns.app.inject({
      method: 'POST',
      url: `/v1/segments/${segmentId}/preview`,
      headers,
    });
    expect(preview.json<{ sample: unknown[] }>().sample).toEqual([
      {
        memberId,
        homeStoreId: 'SEG-S1',
        regionId: 'east',
        tier: 'gold',
        rfm: { recency: 5, frequency: 1, monetary: 2 },
      },
    ]);
    expect(preview.body).not.toContain('139');
  });

  it('criteria the member misses leave the segment empty', async () => {
    for (const criteria of [
      { tiers: ['silver'] },
      { tags: ['生日'] },
      { regionIds: ['west'] },
      { birthdayMonths: [11] },
      { spendFen: { min: 400_001 } },
      { lastPurchase: { before: '2026-06-01' } },
      { lapseStates: ['at-risk', 'never-purchased'] },
      { rfm: { monetary: { min: 3 } } },
      { consent: { channel: 'sms', category: 'marketing' } },
    ])
      expect(await previewCount(await createSegment(criteria)), JSON.stringify(criteria)).toBe(0);
  });

  it('PIPL: member.erased purges the member from the projection and every segment', async () => {
    const everyone = await createSegment({});
    expect(await previewCount(everyone)).toBe(1);
    await publish(
      Topics.membersEvents,
      createEvent({
        type: 'member.erased',
        brandId: BRAND,
        memberId,
        data: { memberId, erasedAt: at() },
      }),
    );
    await eventually(async () => {
      expect(await profileOf(memberId)).toBeUndefined();
      expect(await previewCount(everyone)).toBe(0);
    });
    // A tier change read after the erasure keeps nothing of the member.
    const late = createEvent({
      type: 'tier.changed',
      brandId: BRAND,
      memberId,
      data: {
        memberId,
        fromTier: 'gold',
        toTier: 'vip',
        direction: 'up',
        reason: 'purchase',
        progress: 0,
        programmeVersion: 1,
        reviewAt: null,
        changedAt: at(),
      },
    });
    await publish(Topics.loyaltyEvents, late);
    await eventually(async () =>
      expect(
        await db()('processed_events')
          .whereLike('consumer', '%member-profiles')
          .where({ event_id: late.id })
          .first(),
      ).toBeDefined(),
    );
    expect(await profileOf(memberId)).toBeUndefined();
  });
});
