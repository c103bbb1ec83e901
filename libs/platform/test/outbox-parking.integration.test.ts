import { randomBytes, randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import { createDatabaseIfMissing, dropDatabase } from '@laoke/devstack';
import { aTopicNamespace, findMessage, type TopicNamespace } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  EventTooLargeError,
  appendToOutbox,
  connectProducer,
  createDatabase,
  createHttpApp,
  createKafka,
  createLogger,
  createMetrics,
  messagingMigrations,
  migrateToLatest,
  registerOutboxAdminRoutes,
  registerParkedRowsGauge,
  relayOutboxBatch,
  setTopicConfig,
  type Database,
  type HttpApp,
  type Producer,
} from '../src';

const logger = createLogger('outbox-parking-test', 'silent');
const metrics = createMetrics('outbox-parking-test');
const MAX_ATTEMPTS = 3;
let db: Database;
let producer: Producer;
let admin: HttpApp;
let databaseName: string;
let ns: TopicNamespace;
const kafka = () =>
  createKafka({ brokers: inject('kafkaBrokers'), clientId: databaseName, logger });
const relay = () =>
  relayOutboxBatch({
    db,
    producer,
    logger,
    metrics,
    pollMs: 50,
    topicPrefix: ns.prefix,
    maxAttempts: MAX_ATTEMPTS,
  });

const pointsEarned = (memberId: string, rule = 'base') =>
  createEvent({
    type: 'points.earned',
    brandId: 'brand-parking',
    memberId,
    data: { memberId, purchaseId: randomUUID(), points: 5, balance: 5, rule },
  });

/** A row written before events were bounded: bigger than the broker's 1 MiB message.max.bytes. */
async function insertOversizedRow(memberId: string) {
  const event = pointsEarned(memberId, 'x'.repeat(1_500_000));
  await db('outbox').insert({
    event_id: event.id,
    topic: Topics.loyaltyEvents,
    message_key: memberId,
    event_type: event.type,
    payload: JSON.stringify(event),
  });
  return event;
}

const published = async (eventId: string) =>
  (await db('outbox').where({ event_id: eventId }).first<{ published_at: Date | null }>())
    ?.published_at != null;

const metric = async (name: string) => {
  const values = (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
  return values.reduce((sum, v) => sum + v.value, 0);
};

beforeAll(async () => {
  ns = await aTopicNamespace();
  databaseName = `laoke_test_parking_${randomBytes(4).toString('hex')}`;
  db = createDatabase(await createDatabaseIfMissing(inject('postgresAdminUrl'), databaseName), {
    maxEventBytes: 4_096,
  });
  await migrateToLatest(db, messagingMigrations);
  producer = await connectProducer(kafka());
  registerParkedRowsGauge(metrics.registry, db);
  admin = await createHttpApp({
    service: 'outbox-parking-test',
    description: 'test',
    logger,
    metrics,
    readiness: [],
    tags: [],
    callers: 'public',
  });
  registerOutboxAdminRoutes(admin, db);
});

afterAll(async () => {
  await admin?.close();
  await producer?.disconnect();
  await db?.destroy();
  await dropDatabase(inject('postgresAdminUrl'), databaseName);
});

describe('an event too large for the broker', () => {
  it('is refused before the commit as a rule, EVENT_TOO_LARGE, and nothing is written', async () => {
    const memberId = randomUUID();
    const event = createEvent({
      type: 'purchase.recorded',
      brandId: 'brand-parking',
      memberId,
      data: {
        purchaseId: randomUUID(),
        memberId,
        storeId: 'SH-001',
        receiptNumber: 'R-big',
        amountFen: 100,
        lines: Array.from({ length: 50 }, (_, i) => ({
          sku: `SKU-${i}`,
          name: '足金'.repeat(50),
          quantity: 1,
          unitPriceFen: 2,
        })),
        purchasedAt: '2030-06-01T08:00:00.000Z',
      },
    });
    const refusal = db.transaction(async (trx) => {
      await trx('outbox').insert({
        event_id: randomUUID(),
        topic: 'loyalty.events',
        message_key: 'k',
        event_type: 'points.earned',
        payload: '{}',
      });
      await appendToOutbox(trx, [event]);
    });

    await expect(refusal).rejects.toBeInstanceOf(EventTooLargeError);
    await expect(refusal).rejects.toMatchObject({ kind: 'rule', code: 'EVENT_TOO_LARGE' });
    expect(await db('outbox').where({ message_key: 'k' })).toHaveLength(0);
  });
});

describe('a row the broker keeps refusing', () => {
  const stuckMember = randomUUID();
  let oversized: ReturnType<typeof pointsEarned>;
  let otherMembers: ReturnType<typeof pointsEarned>;
  let sameMemberLater: ReturnType<typeof pointsEarned>;

  it('holds back only its member while it has attempts left; the other rows are published', async () => {
    oversized = await insertOversizedRow(stuckMember);
    otherMembers = pointsEarned(randomUUID());
    sameMemberLater = pointsEarned(stuckMember);
    await db.transaction((trx) => appendToOutbox(trx, [otherMembers, sameMemberLater]));

    await relay();

    expect(await published(otherMembers.id)).toBe(true);
    expect(await published(sameMemberLater.id)).toBe(false);
    await findMessage(
      inject('kafkaBrokers'),
      ns.topic(Topics.loyaltyEvents),
      (e) => e.data['memberId'] !== stuckMember,
    );
  });

  it('is parked with its reason after bounded attempts, counted in the metrics, and its member goes on', async () => {
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) await relay();

    const row = await db('outbox').where({ event_id: oversized.id }).first();
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, published_at: null });
    expect(row.park_reason).toMatch(/^MESSAGE_TOO_LARGE/);
    expect(await published(sameMemberLater.id)).toBe(true);
    expect(await metric('outbox_events_parked_total')).toBe(1);
    expect(await metric('outbox_parked_rows')).toBe(1);
    const listed = await admin.inject({ method: 'GET', url: '/admin/outbox/parked' });
    expect(listed.json()).toMatchObject({
      items: [{ eventId: oversized.id, type: 'points.earned', attempts: MAX_ATTEMPTS }],
    });
    expect(await relay()).toBe(0);
  });

  it('is published once an operator has raised the limit and retries it', async () => {
    await setTopicConfig(kafka(), ns.topic(Topics.loyaltyEvents), 'max.message.bytes', '2000000');

    const retried = await admin.inject({
      method: 'POST',
      url: `/admin/outbox/parked/${oversized.id}/retry`,
    });
    await relay();

    expect(retried.statusCode).toBe(204);
    expect(await published(oversized.id)).toBe(true);
    expect(await metric('outbox_parked_rows')).toBe(0);
  });

  it('can be discarded by an operator; an unknown id is a 404', async () => {
    const another = await insertOversizedRow(randomUUID());
    await db('outbox')
      .where({ event_id: another.id })
      .update({ parked_at: db.fn.now(), park_reason: 'test' });

    const discarded = await admin.inject({
      method: 'DELETE',
      url: `/admin/outbox/parked/${another.id}`,
    });
    const again = await admin.inject({
      method: 'DELETE',
      url: `/admin/outbox/parked/${another.id}`,
    });

    expect(discarded.statusCode).toBe(204);
    expect(await db('outbox').where({ event_id: another.id })).toHaveLength(0);
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });
});
