import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aTestClock,
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
const BRAND = `brand-intro-${randomUUID().slice(0, 8)}`;
const STORE = 'SH-INTRO';
const headers = identityHeaders({ brandId: BRAND });
const clock = aTestClock(new Date('2026-04-01T02:00:00Z'));

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    { KAFKA_TOPIC_PREFIX: ns.prefix, SERVICE_NAME: 'campaigns', MEMBERS_URL: 'http://127.0.0.1:9' },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const aReassignment = (memberId: string, associateId: string | null) =>
  createEvent({
    type: 'member.associate-reassigned',
    brandId: BRAND,
    storeId: STORE,
    memberId,
    occurredAt: clock.now(),
    data: {
      memberId,
      storeId: STORE,
      previousAssociateId: randomUUID(),
      associateId,
      reason: 'staff-left',
      reassignedAt: clock.now().toISOString(),
    },
  });

/** All on one partition (one key), so a later event is consumed after the earlier ones. */
const publish = (key: string, ...events: ReturnType<typeof aReassignment>[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(Topics.membersEvents),
    events.map((event) => ({ key, value: JSON.stringify(event) })),
  );

const tasksOf = (memberId: string) =>
  campaigns.context.db('staff_tasks').where({ brand_id: BRAND, member_id: memberId });

describe('R2: a member handed to a new associate gets an introduction', () => {
  it('R2: when a reassignment is delivered twice, then the new associate gets one introduction task, announced by task.created', async () => {
    const memberId = randomUUID();
    const associateId = randomUUID();
    const event = aReassignment(memberId, associateId);

    await publish(memberId, event, event);

    await eventually(async () => expect(await tasksOf(memberId)).toHaveLength(1));
    const list = await campaigns.app.inject({
      url: `/v1/stores/${STORE}/tasks?view=open&assigneeId=${associateId}&limit=100`,
      headers,
    });
    expect(list.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({
        memberId,
        kind: 'associate-introduction',
        role: 'associate',
        assigneeId: associateId,
        dueAt: '2026-04-04T02:00:00.000Z',
      }),
    ]);
    const created = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.campaignsEvents),
      (e) => e.type === 'task.created' && e.data['memberId'] === memberId,
    );
    expect(JSON.parse(created.value)).toMatchObject({
      data: { sourceKey: `associate-reassigned:${event.id}`, assigneeId: associateId },
    });
    // The same event once more, then a marker on the same partition: once the marker's task
    // exists, the redelivery has been consumed, and still made nothing.
    const marker = randomUUID();
    await publish(memberId, event, aReassignment(marker, randomUUID()));
    await eventually(async () => expect(await tasksOf(marker)).toHaveLength(1));
    expect(await tasksOf(memberId)).toHaveLength(1);
  });

  it('R2: when the member is left with no associate, then no introduction task is created', async () => {
    const memberId = randomUUID();
    const marker = randomUUID();
    await publish(memberId, aReassignment(memberId, null), aReassignment(marker, randomUUID()));
    await eventually(async () => expect(await tasksOf(marker)).toHaveLength(1));
    expect(await tasksOf(memberId)).toHaveLength(0);
  });
});
