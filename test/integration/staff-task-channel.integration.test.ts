import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import { createPiiCipher, maskMobile } from '@laoke/platform';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  eventually,
  publishRaw,
  startProviderSink,
  startServiceUnderTest,
  type ProviderSink,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../../apps/campaigns/src/app';
import * as notificationsApp from '../../apps/notifications/src/app';

const BRAND = 'brand-staff-task-channel';
const STORE = 'SH-009';
const headers = identityHeaders({ brandId: BRAND });
const pii = createPiiCipher(TEST_PII_KEY);
let topic: (name: string) => string;
let sink: ProviderSink;
let campaigns: ServiceUnderTest;
let notifications: ServiceUnderTest;

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  sink = await startProviderSink();
  campaigns = await startServiceUnderTest(campaignsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'campaigns',
    MEMBERS_URL: 'http://127.0.0.1:9',
  });
  notifications = await startServiceUnderTest(notificationsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'notifications',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
    SMS_PROVIDER_URL: `${sink.url}/sms`,
    WECHAT_PROVIDER_URL: `${sink.url}/wechat`,
    MEMBERS_URL: 'http://127.0.0.1:9',
  });
});
afterAll(async () => {
  await notifications?.close();
  await campaigns?.close();
  await sink?.stop();
});

const publish = (name: string, event: { memberId?: string }) =>
  publishRaw(inject('kafkaBrokers'), topic(name), [
    { key: event.memberId ?? null, value: JSON.stringify(event) },
  ]);

async function aMemberWithoutWechat() {
  const memberId = randomUUID();
  const mobile = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await publish(
    Topics.membersEvents,
    createEvent({
      type: 'member.registered',
      brandId: BRAND,
      memberId,
      data: {
        memberId,
        cardNumber: `VIP${memberId.slice(0, 10)}`,
        name: '陈静',
        mobileEncrypted: pii.encrypt(mobile),
        mobileMasked: maskMobile(mobile),
        homeStoreId: STORE,
        registeredAt: new Date().toISOString(),
      },
    }),
  );
  return { memberId, mobile };
}

describe('the staff-task channel across notifications and campaigns', () => {
  it('R9: a win-back for a member without WeChat becomes a call on the store list, never an SMS, and the call outcome settles the message', async () => {
    const { memberId, mobile } = await aMemberWithoutWechat();
    const request = createEvent({
      type: 'notification.requested',
      brandId: BRAND,
      storeId: STORE,
      memberId,
      data: {
        requestId: randomUUID(),
        memberId,
        template: 'win_back.we_miss_you',
        category: 'marketing' as const,
        purpose: 'win-back' as const,
        dedupeKey: `win-back:${memberId}:miss-you`,
        variables: {},
        reason: 'test',
      },
    });

    await publish(Topics.notificationRequests, request);

    const task = await eventually(async () => {
      const response = await campaigns.app.inject({
        url: `/v1/stores/${STORE}/tasks?view=open&limit=100`,
        headers,
      });
      const mine = response
        .json<{ items: { taskId: string; memberId: string; title: string }[] }>()
        .items.filter((t) => t.memberId === memberId);
      expect(mine).toHaveLength(1);
      return mine[0]!;
    });
    expect(task.title).toContain('陈静');

    await campaigns.app.inject({
      method: 'POST',
      url: `/v1/tasks/${task.taskId}/completion`,
      headers,
      payload: { outcome: 'reached' },
    });

    const history = await eventually(async () => {
      const response = await notifications.app.inject({
        url: `/v1/members/${memberId}/notifications`,
        headers,
      });
      const items = response.json<{ items: { channel: string; status: string }[] }>().items;
      expect(items).toHaveLength(1);
      const delivered = (await notifications.context
        .db('deliveries')
        .where({ request_id: request.data.requestId })
        .first()) as { delivered_at: Date | null };
      expect(delivered.delivered_at).not.toBeNull();
      return items;
    });
    expect(history[0]).toMatchObject({ channel: 'staff-task', status: 'sent' });
    expect(sink.messages().filter((m) => m.to === mobile)).toEqual([]);
  });
});
