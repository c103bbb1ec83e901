import { startStack, type RunningStack } from '@laoke/devstack';
import { aMemberRegistration, aPurchase, anIdempotencyKey } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gatewayClient, rawRequest } from './gateway-client';
import { expectProblem } from './problem-assertions';

const API_KEY = 'e2e-conventions-key-0123';
let stack: RunningStack;
let api: ReturnType<typeof gatewayClient>;
const UNKNOWN_MEMBER = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  stack = await startStack({
    mode: 'test',
    log: () => {},
    apiKey: API_KEY,
    brandId: 'e2e-conventions',
    postgresUrl: inject('postgresAdminUrl'),
    kafkaBrokers: inject('kafkaBrokers'),
  });
  api = gatewayClient(stack.gatewayUrl, API_KEY);
});
afterAll(async () => {
  await stack?.stop();
});

async function aRegisteredMember() {
  const registration = aMemberRegistration();
  const { status, body } = await api.registerMember(registration);
  expect(status).toBe(201);
  return { ...registration, memberId: body['memberId'] as string };
}

describe('status per case, through the gateway', () => {
  it("an unknown member's points, follow-ups and notifications are 404", async () => {
    expectProblem(await api.points(UNKNOWN_MEMBER), 404, 'memberId');
    expectProblem(await api.followUps(UNKNOWN_MEMBER), 404, 'memberId');
    expectProblem(await api.notifications(UNKNOWN_MEMBER), 404, 'memberId');
  });

  it('a member who never bought has empty follow-up and notification lists, not a 404', async () => {
    const member = await aRegisteredMember();
    for (const list of [api.followUps, api.notifications]) {
      const { status, body } = await list(member.memberId);
      expect(status).toBe(200);
      expect(body['items']).toEqual([]);
    }
  });

  it('a duplicate mobile is 409 naming the member who has it', async () => {
    const member = await aRegisteredMember();
    const response = await api.registerMember({ ...member, memberId: undefined, name: '另一个人' });
    expectProblem(response, 409, 'mobile');
    expect(response.body).toMatchObject({ existingMemberId: member.memberId });
    expect(response.headers.get('location')).toBe(`/v1/members/${member.memberId}`);
    expect((await api.call('GET', response.headers.get('location') ?? '')).status).toBe(200);
  });

  it('a missing and a reused Idempotency-Key name the same field', async () => {
    const member = await aRegisteredMember();
    const key = anIdempotencyKey();
    expect((await api.recordPurchase(aPurchase(member.memberId), key)).status).toBe(201);
    expectProblem(await api.recordPurchase(aPurchase(member.memberId)), 400, 'idempotency-key');
    expectProblem(
      await api.recordPurchase(aPurchase(member.memberId), key),
      422,
      'idempotency-key',
    );
  });

  it('a body with two wrong fields lists both', async () => {
    const member = await aRegisteredMember();
    const response = await api.recordPurchase(
      { storeId: 'SH-001', memberId: member.memberId, amountFen: -1, lines: [] },
      anIdempotencyKey(),
    );
    expectProblem(response, 400);
    const errors = response.body['errors'] as { field: string }[];
    expect(errors.map((e) => e.field)).toEqual(['receiptNumber', 'amountFen', 'lines']);
  });

  it('an unknown property gets a message a person reads', async () => {
    const response = await api.registerMember(aMemberRegistration({ passportNumber: 'E12345678' }));
    expectProblem(response, 400, 'passportNumber');
    expect(response.body['errors'][0].message).toBe('passportNumber is not an accepted property');
  });

  it('a 2 MB body is 413 problem+json', async () => {
    const response = await rawRequest(
      stack.gatewayUrl,
      API_KEY,
      '/v1/members',
      JSON.stringify(aMemberRegistration({ name: 'x'.repeat(2 * 1024 * 1024) })),
    );
    expect(response.status).toBe(413);
    expect(response.type).toContain('application/problem+json');
    expect(JSON.parse(response.text)).toMatchObject({ field: 'body' });
  });

  it('an unknown /v1 route is 401 without a key and 404 with one', async () => {
    const anonymous = gatewayClient(stack.gatewayUrl, undefined);
    expectProblem(await anonymous.call('GET', '/v1/no-such-route'), 401);
    expectProblem(await anonymous.call('DELETE', `/v1/members/${UNKNOWN_MEMBER}`), 401);
    expectProblem(await api.call('GET', '/v1/no-such-route'), 404);
  });

  it('a lookup by mobile travels in the body, and its 404 does not repeat the mobile', async () => {
    const member = await aRegisteredMember();
    expect((await api.searchMember({ mobile: member.mobile })).body).toMatchObject({
      memberId: member.memberId,
    });
    const { mobile } = aMemberRegistration();
    const missing = await api.searchMember({ mobile });
    expectProblem(missing, 404);
    expect(JSON.stringify(missing.body)).not.toContain(mobile);
  });
});

const line = { sku: 'RING-0001', name: '18K 金钻戒', quantity: 1, unitPriceFen: 1_000 };
const faults = (value: (bad: string) => Record<string, unknown>) =>
  [
    ['a NUL', value('A\u0000')],
    ['a blank', value(' ')],
    ['an over-long value', value('A'.repeat(300))],
  ] as const;

describe('a NUL, a blank or an over-long value in any string field is 400 naming it, nothing written', () => {
  it.each([
    ['name', (v: string) => ({ name: v })],
    ['mobile', (v: string) => ({ mobile: v })],
    ['birthday', (v: string) => ({ birthday: v })],
    ['homeStoreId', (v: string) => ({ homeStoreId: v })],
  ])('POST /v1/members, %s', async (field, value) => {
    for (const [fault, override] of faults(value)) {
      const registration = aMemberRegistration(override);
      expectProblem(await api.registerMember(registration), 400, field);
      const mobile = typeof registration.mobile === 'string' ? registration.mobile : '';
      if (field !== 'mobile') expect((await api.searchMember({ mobile })).status, fault).toBe(404);
    }
  });

  it.each([
    ['mobile', (v: string) => ({ mobile: v })],
    ['cardNumber', (v: string) => ({ cardNumber: v })],
  ])('POST /v1/members/search, %s', async (field, value) => {
    for (const [, body] of faults(value)) expectProblem(await api.searchMember(body), 400, field);
  });

  it.each([
    ['storeId', (v: string) => ({ storeId: v })],
    ['receiptNumber', (v: string) => ({ receiptNumber: v })],
    ['memberId', (v: string) => ({ memberId: v })],
    ['purchasedAt', (v: string) => ({ purchasedAt: v })],
    ['lines[0].sku', (v: string) => ({ lines: [{ ...line, sku: v }] })],
    ['lines[0].name', (v: string) => ({ lines: [{ ...line, name: v }] })],
  ])('POST /v1/purchases, %s', async (field, value) => {
    const member = await aRegisteredMember();
    for (const [, override] of faults(value)) {
      const response = await api.recordPurchase(
        aPurchase(member.memberId, override),
        anIdempotencyKey(),
      );
      expectProblem(response, 400, field);
    }
    expect((await api.points(member.memberId)).body['balance']).toBe(0);
  });

  // HTTP itself refuses a NUL in a header, so a blank and an over-long key are what can arrive.
  it.each(['        ', 'pos key with spaces', 'K'.repeat(129)])(
    'the Idempotency-Key header %#',
    async (key) => {
      const member = await aRegisteredMember();
      expectProblem(
        await api.recordPurchase(aPurchase(member.memberId), key),
        400,
        'idempotency-key',
      );
    },
  );

  it.each(['points', 'points/ledger', 'follow-ups', 'notifications', ''])(
    'GET /v1/members/{id}/%s with a NUL, a urn:uuid or an over-long id',
    async (tail) => {
      for (const id of ['%00', `urn:uuid:${UNKNOWN_MEMBER}`, 'a'.repeat(90)])
        expectProblem(
          await api.call('GET', `/v1/members/${id}/${tail}`.replace(/\/$/, '')),
          400,
          'memberId',
        );
      // Past Fastify's longest path segment (100 characters) the whole URI is refused.
      expectProblem(await api.call('GET', `/v1/members/${'a'.repeat(300)}/${tail}`), 414);
    },
  );
});

describe('requests that were 500s are 400 problems naming the field', () => {
  it('a forged cursor', async () => {
    const member = await aRegisteredMember();
    const forged = Buffer.from(JSON.stringify({ key: 'not a time', id: 'x' })).toString(
      'base64url',
    );
    expectProblem(await api.ledger(member.memberId, `?cursor=${forged}`), 400, 'cursor');
    expectProblem(await api.ledger(member.memberId, '?limit=1.5'), 400, 'limit');
  });

  it('a lone surrogate and a birthday of 0000-01-01', async () => {
    expectProblem(await api.registerMember(aMemberRegistration({ name: 'a\ud800' })), 400, 'name');
    expectProblem(
      await api.registerMember(aMemberRegistration({ birthday: '0000-01-01' })),
      400,
      'birthday',
    );
  });

  it('5,000 levels of JSON nesting', async () => {
    const response = await rawRequest(
      stack.gatewayUrl,
      API_KEY,
      '/v1/members',
      `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    );
    expect(response.status).toBe(400);
    expect(response.type).toContain('application/problem+json');
    expect(JSON.parse(response.text)).toMatchObject({ field: 'body' });
  });

  it('an absolute-form request target', async () => {
    const response = await rawRequest(
      stack.gatewayUrl,
      API_KEY,
      `${stack.gatewayUrl}/v1/members/${UNKNOWN_MEMBER}`,
    );
    expect(response.status).toBe(400);
    expect(response.type).toContain('application/problem+json');
    expect(JSON.parse(response.text)).toMatchObject({ field: 'request-target' });
  });
});
