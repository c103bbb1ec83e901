import { randomBytes, randomUUID } from 'node:crypto';
import { Topics, createEvent, deadLetterTopic } from '@laoke/contracts';
import { createDatabaseIfMissing, dropDatabase } from '@laoke/devstack';
import { aTopicNamespace, eventually, findMessage, publishRaw } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  PermanentEventError,
  connectProducer,
  createDatabase,
  createKafka,
  createLogger,
  createMetrics,
  messagingMigrations,
  migrateToLatest,
  startEventConsumer,
  type Database,
  type EventHandlers,
  type Producer,
  type RetryPolicy,
  type Stoppable,
} from '../src';

const logger = createLogger('consumer-errors-test', 'silent');
const kafka = () =>
  createKafka({ brokers: inject('kafkaBrokers'), clientId: `errors-${randomUUID()}`, logger });
let db: Database;
let producer: Producer;
let databaseName: string;
const consumers: Stoppable[] = [];
/** Handler calls per event id. */
const calls = new Map<string, number>();
const called = (eventId: string) => {
  const count = (calls.get(eventId) ?? 0) + 1;
  calls.set(eventId, count);
  return count;
};

const pointsEarned = (memberId = randomUUID()) =>
  createEvent({
    type: 'points.earned',
    brandId: 'brand-consumer-errors',
    memberId,
    data: { memberId, purchaseId: randomUUID(), points: 5, balance: 5, rule: 'test' },
  });

/** A consumer of loyalty.events on topics of its own; returns where to publish and where dead letters go. */
async function aConsumer(handlers: EventHandlers, retry: RetryPolicy, sessionTimeoutMs?: number) {
  const ns = await aTopicNamespace();
  const groupId = `errors-${randomUUID()}`;
  consumers.push(
    await startEventConsumer({
      kafka: kafka(),
      db,
      producer,
      service: 'campaigns',
      groupId,
      topics: [Topics.loyaltyEvents],
      topicPrefix: ns.prefix,
      logger,
      metrics: createMetrics('consumer-errors-test'),
      retry,
      sessionTimeoutMs,
      handlers,
    }),
  );
  return {
    groupId,
    publish: (...events: ReturnType<typeof pointsEarned>[]) =>
      publishRaw(
        inject('kafkaBrokers'),
        ns.topic(Topics.loyaltyEvents),
        events.map((e) => ({ key: 'one-partition', value: JSON.stringify(e) })),
      ),
    deadLetterOf: (eventId: string) =>
      findMessage(
        inject('kafkaBrokers'),
        ns.topic(deadLetterTopic('campaigns')),
        (e) => (e as { id?: string }).id === eventId,
      ),
  };
}

const effectsOf = (eventId: string) => db('effects').where({ event_id: eventId });

beforeAll(async () => {
  databaseName = `laoke_test_consumer_errors_${randomBytes(4).toString('hex')}`;
  db = createDatabase(await createDatabaseIfMissing(inject('postgresAdminUrl'), databaseName));
  await migrateToLatest(db, [
    ...messagingMigrations,
    {
      name: 'effects',
      up: (knex) => knex.schema.createTable('effects', (t) => t.uuid('event_id')),
      down: (knex) => knex.schema.dropTable('effects'),
    },
  ]);
  producer = await connectProducer(kafka());
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  await producer?.disconnect();
  await db?.destroy();
  await dropDatabase(inject('postgresAdminUrl'), databaseName);
});

describe('error classes of a consumer', () => {
  const permanent = pointsEarned();
  const dataException = pointsEarned();
  const flaky = pointsEarned();
  let consumer: Awaited<ReturnType<typeof aConsumer>>;

  beforeAll(async () => {
    consumer = await aConsumer(
      {
        'points.earned': async (event, trx) => {
          const call = called(event.id);
          if (event.id === permanent.id) throw new PermanentEventError('no template "x"');
          if (event.id === dataException.id) await trx.raw('select ?::uuid', ['not-a-uuid']);
          if (event.id === flaky.id && call < 3) throw new Error('database busy');
          await trx('effects').insert({ event_id: event.id });
        },
      },
      { attempts: 5, initialDelayMs: 10 },
    );
  });

  it('sends a message whose handler fails permanently to the dead-letter topic on its first failure, with the reason', async () => {
    const healthy = pointsEarned();
    await consumer.publish(permanent, healthy);

    const dead = await consumer.deadLetterOf(permanent.id);
    expect(dead.headers).toMatchObject({
      'dead-letter-reason': 'no template "x"',
      'dead-letter-attempts': '1',
    });
    await eventually(async () => expect(await effectsOf(healthy.id)).toHaveLength(1));
    expect(calls.get(permanent.id)).toBe(1);
  });

  it('treats a value PostgreSQL refuses (a data exception) as permanent', async () => {
    await consumer.publish(dataException);

    const dead = await consumer.deadLetterOf(dataException.id);
    expect(dead.headers?.['dead-letter-attempts']).toBe('1');
    expect(dead.headers?.['dead-letter-reason']).toMatch(/invalid input syntax for type uuid/);
    expect(calls.get(dataException.id)).toBe(1);
  });

  it('retries a transient failure with backoff until it succeeds, and applies the effect once', async () => {
    await consumer.publish(flaky);

    await eventually(async () => expect(await effectsOf(flaky.id)).toHaveLength(1));
    expect(calls.get(flaky.id)).toBe(3);
  });
});

describe('work after commit', () => {
  it('runs after the transaction committed, and a transient failure retries only that work', async () => {
    const event = pointsEarned();
    const seenCommitted: boolean[] = [];
    const consumer = await aConsumer(
      {
        'points.earned': async (e, trx) => {
          called(e.id);
          await trx('effects').insert({ event_id: e.id });
          return async () => {
            seenCommitted.push((await effectsOf(e.id)).length === 1);
            if (seenCommitted.length === 1) throw new Error('provider timed out');
          };
        },
      },
      { attempts: 5, initialDelayMs: 10 },
    );

    await consumer.publish(event);

    await eventually(() => expect(seenCommitted).toEqual([true, true]));
    expect(calls.get(event.id)).toBe(1);
  });
});

describe('group session while retrying', () => {
  const membersOf = async (groupId: string) => {
    const admin = kafka().admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId]);
      return { state: groups[0]?.state, members: groups[0]?.members.map((m) => m.memberId) };
    } finally {
      await admin.disconnect();
    }
  };

  it('keeps its group membership while retries outlast the session timeout', async () => {
    const event = pointsEarned();
    let firstCallAt = 0;
    const consumer = await aConsumer(
      {
        'points.earned': async (e, trx) => {
          firstCallAt ||= Date.now();
          // Fails for longer than the 6 s session: only heartbeats keep the member in its group.
          if (Date.now() - firstCallAt < 9_000) throw new Error('provider unavailable');
          await trx('effects').insert({ event_id: e.id });
        },
      },
      { attempts: 100, initialDelayMs: 250, maxDelayMs: 500 },
      6_000,
    );
    const before = await membersOf(consumer.groupId);

    await consumer.publish(event);

    await eventually(async () => expect(await effectsOf(event.id)).toHaveLength(1), 30_000);
    const after = await eventually(async () => {
      const group = await membersOf(consumer.groupId);
      expect(group.state).toBe('Stable');
      return group;
    });
    expect(before.members).toHaveLength(1);
    expect(after.members).toEqual(before.members);
  });
});
