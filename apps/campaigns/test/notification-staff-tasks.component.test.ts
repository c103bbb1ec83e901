import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aTopicNamespace,
  eventually,
  findMessage,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../src/app';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-notification-tasks';
const STORE = 'SH-007';
const headers = identityHeaders({ brandId: BRAND });

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(campaignsApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'campaigns',
    MEMBERS_URL: 'http://127.0.0.1:9',
  });
});
afterAll(() => campaigns?.close());

const staffTaskRequested = (memberId: string, deliveryId = randomUUID()) =>
  createEvent({
    type: 'notification.staff-task-requested',
    brandId: BRAND,
    storeId: STORE,
    memberId,
    data: {
      requestId: randomUUID(),
      deliveryId,
      memberId,
      purpose: 'win-back' as const,
      template: 'win_back.we_miss_you',
      brief: '挽回关怀：致电陈静，问候近况，欢迎其有空回店坐坐。',
      requestedAt: new Date().toISOString(),
    },
  });

const openTasks = async (memberId: string) =>
  (await campaigns.app.inject({ url: `/v1/stores/${STORE}/tasks?view=open&limit=100`, headers }))
    .json<{ items: { taskId: string; memberId: string; kind: string; title: string }[] }>()
    .items.filter((t) => t.memberId === memberId);

describe('the staff-task channel of notifications', () => {
  it('R9: a message routed to a staff task becomes one call on the store list, however often it is delivered, and its outcome goes back', async () => {
    const memberId = randomUUID();
    const request = staffTaskRequested(memberId);
    const message = { key: memberId, value: JSON.stringify(request) };

    await publishRaw(inject('kafkaBrokers'), topic(Topics.notificationEvents), [message, message]);

    const [task] = await eventually(async () => {
      const tasks = await openTasks(memberId);
      expect(tasks).toHaveLength(1);
      return tasks;
    });
    expect(task).toMatchObject({ kind: 'notification-win-back', title: request.data.brief });

    const done = await campaigns.app.inject({
      method: 'POST',
      url: `/v1/tasks/${task!.taskId}/completion`,
      headers,
      payload: { outcome: 'reached' },
    });
    expect(done.statusCode).toBe(200);
    const completed = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.campaignsEvents),
      (e) => e.type === 'task.completed' && e.data['taskId'] === task!.taskId,
    );
    expect(JSON.parse(completed.value)).toMatchObject({
      data: { outcome: 'reached', sourceKey: `notification:${request.data.deliveryId}` },
    });
    expect(await openTasks(memberId)).toHaveLength(0);
  });
});
