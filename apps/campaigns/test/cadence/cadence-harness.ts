import { randomUUID } from 'node:crypto';
import { Topics, createEvent, type AnyEvent } from '@laoke/contracts';
import {
  aPurchaseRecordedEvent,
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { inject } from 'vitest';
import * as campaignsApp from '../../src/app';

/** One campaigns service on its own database and topics, with a clock the test moves. */
export async function startCadenceHarness() {
  const ns = await aTopicNamespace();
  // 14:30 in Shanghai; steps with a local hour fall due at 10:00, so a whole-day advance passes them.
  const clock = aTestClock(new Date('2026-03-02T06:30:00Z'));
  const campaigns: ServiceUnderTest = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      BRAND_TIME_ZONE: 'Asia/Shanghai',
      FOLLOW_UP_POLL_MS: 100,
      FOLLOW_UP_LATE_GRACE_MINUTES: 360,
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
  const { db } = campaigns.context;

  const publish = (topic: string, key: string, ...events: AnyEvent[]) =>
    publishRaw(
      inject('kafkaBrokers'),
      ns.topic(topic),
      events.map((event) => ({ key, value: JSON.stringify(event) })),
    );

  const purchase = async (brandId: string, memberId: string) => {
    const event = aPurchaseRecordedEvent({ brandId, memberId, purchasedAt: clock.now() });
    await publish(Topics.loyaltyEvents, memberId, event);
    return event.data.purchaseId;
  };

  const memberEvent = (brandId: string, memberId: string) => ({
    consent: (granted: boolean) =>
      createEvent({
        type: 'member.consent-changed',
        brandId,
        memberId,
        occurredAt: clock.now(),
        data: {
          memberId,
          channel: 'sms' as const,
          category: 'care' as const,
          granted,
          source: 'store-form',
          changedAt: clock.now().toISOString(),
        },
      }),
    servedBy: (associateId: string) =>
      createEvent({
        type: 'member.updated',
        brandId,
        memberId,
        occurredAt: clock.now(),
        data: { memberId, servingAssociateId: associateId, updatedAt: clock.now().toISOString() },
      }),
    reassigned: (previousAssociateId: string, associateId: string) =>
      createEvent({
        type: 'member.associate-reassigned',
        brandId,
        storeId: 'SH-001',
        memberId,
        occurredAt: clock.now(),
        data: {
          memberId,
          storeId: 'SH-001',
          previousAssociateId,
          associateId,
          reason: 'staff-left' as const,
          reassignedAt: clock.now().toISOString(),
        },
      }),
  });

  /** The templates a cadence requested for a member, in the order the outbox holds them. */
  const requestedTemplates = async (memberId: string): Promise<string[]> =>
    (
      await db('outbox')
        .where({ event_type: 'notification.requested' })
        .whereRaw("payload->'data'->>'memberId' = ?", [memberId])
        .whereRaw("payload->'data'->>'dedupeKey' like 'cadence:%'")
        .orderBy('position')
    ).map((row: { payload: { data: { template: string } } }) => row.payload.data.template);

  /**
   * Waits until the dispatcher has run at the clock's current time: a new member's purchase,
   * due at once, has been requested, so everything of the brand due earlier has been handled.
   */
  const dispatcherCaughtUp = async (brandId: string) => {
    const marker = randomUUID();
    await purchase(brandId, marker);
    await eventually(async () => {
      if ((await requestedTemplates(marker)).length === 0) throw new Error('not yet');
    });
  };

  const tasksOf = (brandId: string, memberId: string) =>
    db('staff_tasks').where({ brand_id: brandId, member_id: memberId }).orderBy('created_at');

  const followUpsOf = async (brandId: string, memberId: string) =>
    (
      await campaigns.app.inject({
        url: `/v1/members/${memberId}/follow-ups?limit=100`,
        headers: identityHeaders({ brandId: brandId }),
      })
    ).json<{
      items: {
        purchaseId: string;
        step: string;
        occurrence: number;
        cadenceVersion: number;
        status: string;
        reason: string | null;
      }[];
    }>().items;

  const putCadence = (brandId: string, body: unknown) =>
    campaigns.app.inject({
      method: 'PUT',
      url: '/v1/cadence',
      headers: identityHeaders({ brandId: brandId }),
      payload: body as Record<string, unknown>,
    });

  return {
    campaigns,
    clock,
    db,
    publish,
    purchase,
    memberEvent,
    requestedTemplates,
    dispatcherCaughtUp,
    tasksOf,
    followUpsOf,
    putCadence,
    aBrand: (name: string) => `brand-${name}-${randomUUID().slice(0, 8)}`,
  };
}
