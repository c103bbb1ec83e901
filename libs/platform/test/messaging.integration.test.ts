import { randomBytes, randomUUID } from 'node:crypto';
import { Topics, createEvent, deadLetterTopic } from '@laoke/contracts';
import { createDatabaseIfMissing, dropDatabase } from '@laoke/devstack';
import {
  aTopicNamespace,
  eventually,
  findMessage,
  publishRaw,
  type TopicNamespace,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  appendToOutbox,
  connectProducer,
  createDatabase,
  createKafka,
  createLogger,
  createMetrics,
  messagingMigrations,
  idempotencyMigrations,
  migrateToLatest,
  pruneExpiredRows,
  relayOutboxBatch,
  startEventConsumer,
  type Database,
  type Producer,
  type Stoppable,
} from '../src';

const logger = createLogger('messaging-test', 'silent');
const metrics = createMetrics('messaging-test');
const POISONED_MEMBER = randomUUID();
let db: Database;
let producer: Producer;
let consumer: Stoppable;
let databaseName: string;
let handlerCalls = 0;
let ns: TopicNamespace;

const pointsEarned = (memberId: string) =>
  createEvent({
    type: 'points.earned',
    brandId: 'brand-messaging',
    memberId,
    data: { memberId, purchaseId: randomUUID(), points: 5, balance: 5, rule: 'test' },
  });

beforeAll(async () => {
  ns = await aTopicNamespace();
  databaseName = `laoke_test_messaging_${randomBytes(4).toString('hex')}`;
  db = createDatabase(await createDatabaseIfMissing(inject('postgresAdminUrl'), databaseName));
  await migrateToLatest(db, [
    ...idempotencyMigrations,
    ...messagingMigrations,
    {
      name: 'effects',
      up: (knex) => knex.schema.createTable('effects', (t) => t.uuid('event_id')),
      down: (knex) => knex.schema.dropTable('effects'),
    },
  ]);
  const kafka = createKafka({ brokers: inject('kafkaBrokers'), clientId: databaseName, logger });
  producer = await connectProducer(kafka);
  consumer = await startEventConsumer({
    kafka,
    db,
    producer,
    service: 'campaigns',
    groupId: `messaging-test-${databaseName}`,
    topics: [Topics.loyaltyEvents],
    topicPrefix: ns.prefix,
    logger,
    metrics,
    retry: { attempts: 3, initialDelayMs: 10 },
    handlers: {
      'points.earned': async (event, trx) => {
        handlerCalls += 1;
        if (event.memberId === POISONED_MEMBER) throw new Error('cannot handle this member');
        await trx('effects').insert({ event_id: event.id });
      },
    },
  });
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await db?.destroy();
  await dropDatabase(inject('postgresAdminUrl'), databaseName);
});

describe('transactional outbox', () => {
  it('publishes committed events keyed by member, and marks them sent', async () => {
    const event = pointsEarned(randomUUID());
    await db.transaction((trx) => appendToOutbox(trx, [event]));

    await relayOutboxBatch({ db, producer, logger, metrics, pollMs: 50, topicPrefix: ns.prefix });

    const published = await findMessage(
      inject('kafkaBrokers'),
      ns.topic(Topics.loyaltyEvents),
      (e) => e.data['memberId'] === event.memberId,
    );
    expect(published.key).toBe(event.memberId);
    expect(JSON.parse(published.value)).toEqual(event);
    expect(
      await db('outbox').where({ event_id: event.id }).whereNotNull('published_at'),
    ).toHaveLength(1);
  });

  it('publishes nothing of a transaction that rolled back', async () => {
    const event = pointsEarned(randomUUID());
    await expect(
      db.transaction(async (trx) => {
        await appendToOutbox(trx, [event]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await db('outbox').where({ event_id: event.id })).toHaveLength(0);
  });

  it('refuses to store an event that breaks its schema', async () => {
    const broken = { ...pointsEarned(randomUUID()), data: { points: 'many' } };
    await expect(db.transaction((trx) => appendToOutbox(trx, [broken as never]))).rejects.toThrow(
      /invalid points.earned/,
    );
  });
});

describe('idempotent consumer', () => {
  it('applies an event delivered three times exactly once', async () => {
    const event = pointsEarned(randomUUID());
    const message = { key: event.memberId ?? null, value: JSON.stringify(event) };

    await publishRaw(inject('kafkaBrokers'), ns.topic(Topics.loyaltyEvents), [
      message,
      message,
      message,
    ]);

    await eventually(async () =>
      expect(await db('processed_events').where({ event_id: event.id })).toHaveLength(1),
    );
    const later = pointsEarned(randomUUID());
    await publishRaw(inject('kafkaBrokers'), ns.topic(Topics.loyaltyEvents), [
      { key: later.memberId ?? null, value: JSON.stringify(later) },
    ]);
    await eventually(async () =>
      expect(await db('effects').where({ event_id: later.id })).toHaveLength(1),
    );
    expect(await db('effects').where({ event_id: event.id })).toHaveLength(1);
  });

  it('sends an event that keeps failing to the dead-letter topic with the error, and carries on', async () => {
    const poisoned = pointsEarned(POISONED_MEMBER);
    const healthy = pointsEarned(randomUUID());
    const callsBefore = handlerCalls;

    await publishRaw(inject('kafkaBrokers'), ns.topic(Topics.loyaltyEvents), [
      { key: 'same-partition', value: JSON.stringify(poisoned) },
      { key: 'same-partition', value: '{not json' },
      { key: 'same-partition', value: JSON.stringify(healthy) },
    ]);

    const dead = await findMessage(
      inject('kafkaBrokers'),
      ns.topic(deadLetterTopic('campaigns')),
      (e) => (e as { id?: string }).id === poisoned.id,
    );
    expect(JSON.parse(dead.value)).toEqual(poisoned);
    expect(dead.headers?.['dead-letter-reason']).toBe('cannot handle this member');
    expect(handlerCalls - callsBefore).toBeGreaterThanOrEqual(3);
    expect(await db('processed_events').where({ event_id: poisoned.id })).toHaveLength(0);
    await eventually(async () =>
      expect(await db('effects').where({ event_id: healthy.id })).toHaveLength(1),
    );
  });
});

describe('retention', () => {
  it('deletes published outbox rows, processed ids and idempotency keys older than the policy, and keeps the rest', async () => {
    const now = new Date('2030-06-30T00:00:00Z');
    const old = pointsEarned(randomUUID());
    const recent = pointsEarned(randomUUID());
    const unpublished = pointsEarned(randomUUID());
    await db.transaction((trx) => appendToOutbox(trx, [old, recent, unpublished]));
    await db('outbox')
      .where({ event_id: old.id })
      .update({ published_at: new Date('2030-06-01T00:00:00Z') });
    await db('outbox')
      .where({ event_id: recent.id })
      .update({ published_at: new Date('2030-06-29T00:00:00Z') });
    await db('processed_events').insert([
      {
        consumer: 'retention-test',
        event_id: old.id,
        processed_at: new Date('2030-05-01T00:00:00Z'),
      },
      {
        consumer: 'retention-test',
        event_id: recent.id,
        processed_at: new Date('2030-06-20T00:00:00Z'),
      },
    ]);

    const brandId = `retention-${randomUUID()}`;
    const storedKey = (key: string, createdAt: string) => ({
      brand_id: brandId,
      key,
      fingerprint: 'f',
      result: { status: 201 },
      created_at: new Date(createdAt),
    });
    await db('idempotent_requests').insert([
      storedKey('old-key', '2030-06-22T00:00:00Z'),
      storedKey('recent-key', '2030-06-24T00:00:00Z'),
    ]);

    await pruneExpiredRows(db, now, {
      outboxDays: 7,
      processedEventsDays: 30,
      idempotentRequestsDays: 7,
    });

    const outboxLeft = await db('outbox')
      .whereIn('event_id', [old.id, recent.id, unpublished.id])
      .pluck('event_id');
    expect(outboxLeft.sort()).toEqual([recent.id, unpublished.id].sort());
    expect(
      await db('processed_events').where({ consumer: 'retention-test' }).pluck('event_id'),
    ).toEqual([recent.id]);
    expect(await db('idempotent_requests').where({ brand_id: brandId }).pluck('key')).toEqual([
      'recent-key',
    ]);
  });
});

describe('outbox relay replicas', () => {
  it('take turns: while one relays, another publishes nothing and the rows wait for their turn', async () => {
    const event = pointsEarned(randomUUID());
    await db.transaction((trx) => appendToOutbox(trx, [event]));
    const relay = { db, producer, logger, metrics, pollMs: 50, topicPrefix: ns.prefix };

    const whileBusy = await db.transaction(async (trx) => {
      await trx.raw("select pg_advisory_xact_lock(hashtext('laoke.outbox-relay'))");
      return relayOutboxBatch(relay);
    });

    expect(whileBusy).toBe(0);
    expect(await db('outbox').where({ event_id: event.id }).whereNull('published_at')).toHaveLength(
      1,
    );
    expect(await relayOutboxBatch(relay)).toBeGreaterThanOrEqual(1);
    expect(
      await db('outbox').where({ event_id: event.id }).whereNotNull('published_at'),
    ).toHaveLength(1);
  });
});
