import { EventCatalog, type EventType } from './event-catalog';
import { CONSUMING_SERVICES, Topics, deadLetterTopic, type Topic } from './topics';

type Json = Record<string, unknown>;

/** What each domain topic carries, for the people reading the document. */
const TOPIC_DESCRIPTIONS: Record<Topic, string> = {
  [Topics.membersEvents]:
    'Members, cards, consent and referrals, published by the members service.',
  [Topics.loyaltyEvents]:
    'Purchases, returns, points, tiers, benefits and programmes, published by the loyalty service.',
  [Topics.campaignsEvents]:
    'Staff tasks, surveys, complaint cases and lapse, published by the campaigns service.',
  [Topics.notificationRequests]:
    'Requests to message a member. Campaigns publishes them, and so may any other system of a chain (a shop, a CRM): a request that fails its schema goes to notifications.dead-letter with the reason, and the member history shows it as rejected.',
  [Topics.notificationEvents]:
    'What became of each notification request (sent, suppressed, failed, delivered, handed to staff), published by the notifications service.',
  [Topics.organisationEvents]:
    'Brands, their clocks, stores and staff, published by the members service.',
};

const DEAD_LETTER_HEADERS = {
  type: 'object',
  properties: {
    'dead-letter-reason': { type: 'string', description: 'Why the consumer gave up on it' },
    'dead-letter-source': { type: 'string', description: 'topic/partition/offset it came from' },
    'dead-letter-consumer': { type: 'string', description: 'The consumer group that gave up' },
    'dead-letter-attempts': { type: 'string', description: 'How many times it was tried' },
  },
};

/** JSON only: the TypeBox schemas are JSON Schema, minus TypeBox's non-enumerable markers. */
const plain = (schema: unknown): Json => JSON.parse(JSON.stringify(schema)) as Json;

const messageOf = (type: EventType): Json => ({
  name: type,
  title: type,
  contentType: 'application/json',
  summary: `The ${type} event: the common envelope, its type, and its data.`,
  payload: plain(EventCatalog[type].schema),
  bindings: {
    kafka: {
      key: {
        type: 'string',
        description:
          'The member id when the event is about a member, so their events stay in order',
      },
      bindingVersion: '0.5.0',
    },
  },
});

const deadLetterMessage = {
  name: 'dead-letter',
  title: 'Dead letter',
  contentType: 'application/json',
  summary:
    'A message a consumer gave up on, as it was received (key, value and headers), with why in its headers.',
  headers: DEAD_LETTER_HEADERS,
  payload: {},
};

const ref = (path: string) => ({ $ref: `#/${path}` });
const channelRef = (id: string) => ref(`channels/${escapePointer(id)}`);
const messageRef = (channel: string, message: string) =>
  ref(`channels/${escapePointer(channel)}/messages/${escapePointer(message)}`);
const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const typesOn = (topic: Topic) =>
  (Object.keys(EventCatalog) as EventType[]).filter((type) => EventCatalog[type].topic === topic);

/**
 * The AsyncAPI 3.0 document of every topic and event, generated from the event catalog, so it
 * can never drift from what producers and consumers validate. Topic names are given without the
 * environment's prefix (KAFKA_TOPIC_PREFIX).
 */
export function asyncApiDocument(options: { version?: string } = {}): Json {
  const domainTopics = Object.values(Topics);
  const deadLetterTopics = CONSUMING_SERVICES.map(deadLetterTopic);
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};

  for (const topic of domainTopics) {
    const types = typesOn(topic);
    channels[topic] = {
      address: topic,
      title: topic,
      description: TOPIC_DESCRIPTIONS[topic],
      messages: Object.fromEntries(
        types.map((type) => [type, ref(`components/messages/${escapePointer(type)}`)]),
      ),
    };
    for (const type of types) messages[type] = messageOf(type);
    operations[`publish-${topic}`] = {
      action: 'send',
      channel: channelRef(topic),
      summary: `Events published on ${topic}`,
      messages: types.map((type) => messageRef(topic, type)),
    };
  }
  operations[`receive-${Topics.notificationRequests}`] = {
    action: 'receive',
    channel: channelRef(Topics.notificationRequests),
    summary: 'The notifications service consumes every request, whoever publishes it',
    messages: [messageRef(Topics.notificationRequests, 'notification.requested')],
  };

  messages['dead-letter'] = deadLetterMessage;
  for (const topic of deadLetterTopics) {
    channels[topic] = {
      address: topic,
      title: topic,
      description: `Messages the ${topic.split('.')[0]} service could not process, kept for inspection.`,
      messages: { 'dead-letter': ref('components/messages/dead-letter') },
    };
    operations[`publish-${topic}`] = {
      action: 'send',
      channel: channelRef(topic),
      messages: [messageRef(topic, 'dead-letter')],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Laoke events',
      version: options.version ?? '1.0.0',
      description:
        'Every Kafka topic of the Laoke platform and every event on it. Each event is one JSON envelope (id, type, version, occurredAt, brandId, storeId, memberId, causationId, correlationId) around its data; events are closed (no unnamed properties) and bounded.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
