import { Topics } from '@laoke/contracts';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  aMemberRegistration,
  eventually,
  findMessage,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as membersApp from '../src/app';

let members: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-members-test';

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
});
afterAll(() => members?.close());

const register = (body: unknown, brand = BRAND) =>
  members.app.inject({
    method: 'POST',
    url: '/v1/members',
    headers: identityHeaders({ brandId: brand }),
    payload: body as object,
  });

describe('R1/R3: registering a member', () => {
  it('when a member registers, then they get a card number and the mobile is shown masked', async () => {
    const registration = aMemberRegistration();

    const response = await register(registration);

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: registration.name,
      cardNumber: expect.stringMatching(/^VIP\d{10}$/),
      mobile: `${registration.mobile.slice(0, 3)}****${registration.mobile.slice(-4)}`,
      birthday: registration.birthday,
      homeStoreId: registration.homeStoreId,
    });
  });

  it('then the mobile is encrypted at rest and on Kafka, and member.registered is published', async () => {
    const registration = aMemberRegistration();
    const { memberId } = (await register(registration)).json<{ memberId: string }>();

    const row = await members.context.db('members').where({ id: memberId }).first();
    expect(JSON.stringify(row)).not.toContain(registration.mobile);
    const published = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.membersEvents),
      (e) => e.type === 'member.registered' && e.data['memberId'] === memberId,
    );
    expect(published.key).toBe(memberId);
    expect(published.value).not.toContain(registration.mobile);
    await eventually(async () =>
      expect(
        await members.context.db('outbox').whereNull('published_at').count('* as n').first(),
      ).toEqual({ n: '0' }),
    );
  });

  it('when the POS retries the same registration, then the first member comes back and no second one is made', async () => {
    const registration = aMemberRegistration({ name: `重试-${Date.now()}` });
    const first = await register(registration);

    const retry = await register(registration);

    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const stored = await members.context
      .db('members')
      .where({ name: registration.name })
      .count('* as n');
    expect(stored).toEqual([{ n: '1' }]);
  });

  it('when another person registers with a mobile already in use, then 409 names the mobile', async () => {
    const registration = aMemberRegistration();
    await register(registration);

    const response = await register({ ...registration, name: '另一个人' });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'MEMBER_ALREADY_REGISTERED', field: 'mobile' });
  });

  it('when the same mobile registers with another brand, then it is a different member', async () => {
    const registration = aMemberRegistration();
    const mine = (await register(registration)).json<{ memberId: string }>();
    const theirs = await register(registration, 'another-brand');
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json<{ memberId: string }>().memberId).not.toBe(mine.memberId);
  });

  it('when a member is looked up from another brand, then it does not exist', async () => {
    const { memberId } = (await register(aMemberRegistration())).json<{ memberId: string }>();
    const response = await members.app.inject({
      url: `/v1/members/${memberId}`,
      headers: identityHeaders({ brandId: 'another-brand' }),
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('when the caller sends a brand header but no internal token, then 401 and nothing is written', async () => {
    const response = await members.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: { 'x-laoke-brand-id': BRAND },
      payload: aMemberRegistration(),
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('operations endpoints', () => {
  it('reports ready when its database and Kafka answer, its consumers joined and its relay ran', async () => {
    // The relay's first tick runs in the background of start().
    const response = await eventually(async () => {
      const ready = await members.app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      return ready;
    });
    expect(response.json()).toEqual({
      status: 'ok',
      checks: [
        { name: 'database', status: 'ok' },
        { name: 'kafka', status: 'ok' },
        { name: 'consumers', status: 'ok' },
        { name: 'outbox-relay', status: 'ok' },
      ],
    });
  });

  it('exposes Prometheus metrics of the requests it served', async () => {
    await register(aMemberRegistration());
    const response = await members.app.inject({ url: '/metrics' });
    expect(response.body).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/v1\/members"[^}]*status="201"/,
    );
  });

  it('echoes the caller request id so a call can be traced across services', async () => {
    const response = await members.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: { ...identityHeaders({ brandId: BRAND }), 'x-request-id': 'trace-me-123' },
      payload: aMemberRegistration(),
    });
    expect(response.headers['x-request-id']).toBe('trace-me-123');
    const { memberId } = response.json<{ memberId: string }>();
    const [row] = await members.context.db('outbox').where('message_key', memberId);
    expect(row.payload).toMatchObject({ correlationId: 'trace-me-123' });
  });
});
