import {
  TEST_PII_KEY,
  aMemberRegistration,
  aPurchase,
  aTopicNamespace,
  anIdempotencyKey,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as loyaltyApp from '../../apps/loyalty/src/app';
import * as membersApp from '../../apps/members/src/app';

let members: ServiceUnderTest;
let loyalty: ServiceUnderTest;
const headers = identityHeaders({ brandId: 'brand-loyalty-conventions' });
const UNKNOWN_MEMBER = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  const { prefix } = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
  loyalty = await startServiceUnderTest(loyaltyApp, {
    KAFKA_TOPIC_PREFIX: prefix,
    SERVICE_NAME: 'loyalty',
    MEMBERS_URL: members.url,
    LOYALTY_LATE_PURCHASE_DAYS: 60,
  });
});
afterAll(async () => {
  await loyalty?.close();
  await members?.close();
});

async function aMember(): Promise<string> {
  const response = await members.app.inject({
    method: 'POST',
    url: '/v1/members',
    headers,
    payload: aMemberRegistration(),
  });
  return response.json<{ memberId: string }>().memberId;
}

const recordPurchase = (body: object, key?: string) =>
  loyalty.app.inject({
    method: 'POST',
    url: '/v1/purchases',
    headers: { ...headers, ...(key && { 'idempotency-key': key }) },
    payload: body,
  });
const get = (url: string) => loyalty.app.inject({ url, headers });
const purchasesOf = async (memberId: string) =>
  Number(
    (
      await loyalty.context.db('purchases').where({ member_id: memberId }).count('* as n').first()
    )?.['n'],
  );

describe('an unknown member in the path is 404 everywhere', () => {
  it.each(['points', 'points/ledger', 'benefits'])('GET /v1/members/{unknown}/%s', async (tail) => {
    const response = await get(`/v1/members/${UNKNOWN_MEMBER}/${tail}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'MEMBER_NOT_FOUND', field: 'memberId' });
  });

  it('a known member who never bought has a balance of zero', async () => {
    const response = await get(`/v1/members/${await aMember()}/points`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ balance: 0 });
  });
});

describe('Idempotency-Key: one field name, whatever the fault', () => {
  it('a missing key and a reused key both name idempotency-key', async () => {
    const memberId = await aMember();
    const key = anIdempotencyKey();
    await recordPurchase(aPurchase(memberId), key);

    const missing = await recordPurchase(aPurchase(memberId));
    const reused = await recordPurchase(aPurchase(memberId), key);

    expect([missing.statusCode, reused.statusCode]).toEqual([400, 422]);
    expect(missing.json()).toMatchObject({ field: 'idempotency-key' });
    expect(reused.json()).toMatchObject({ field: 'idempotency-key' });
  });
});

const line = { sku: 'RING-0001', name: '18K 金钻戒', quantity: 1, unitPriceFen: 1_000 };

describe('bad purchase input is a 400 naming the field, and nothing is written', () => {
  it.each([
    ['storeId', { storeId: 'SH\u0000' }, { storeId: ' ' }, { storeId: 'S'.repeat(65) }],
    [
      'receiptNumber',
      { receiptNumber: 'R\u0000' },
      { receiptNumber: ' ' },
      { receiptNumber: 'R'.repeat(65) },
    ],
    [
      'lines[0].sku',
      { lines: [{ ...line, sku: 'A\u0000' }] },
      { lines: [{ ...line, sku: ' ' }] },
      { lines: [{ ...line, sku: 'A'.repeat(65) }] },
    ],
    [
      'lines[0].name',
      { lines: [{ ...line, name: '戒\u0000' }] },
      { lines: [{ ...line, name: '  ' }] },
      { lines: [{ ...line, name: '戒'.repeat(201) }] },
    ],
    [
      'memberId',
      { memberId: `urn:uuid:${UNKNOWN_MEMBER}` },
      { memberId: ' ' },
      { memberId: 'a'.repeat(37) },
    ],
    [
      'purchasedAt',
      { purchasedAt: '2026-01-01T00:00:00\u0000' },
      { purchasedAt: ' ' },
      { purchasedAt: '0000-01-01T00:00:00Z' },
    ],
  ])('%s with a NUL, a blank and an over-long value', async (field, nul, blank, long) => {
    const memberId = await aMember();
    for (const override of [nul, blank, long]) {
      const response = await recordPurchase(aPurchase(memberId, override), anIdempotencyKey());
      expect(response.statusCode, JSON.stringify(override)).toBe(400);
      expect(response.json()).toMatchObject({ field });
    }
    expect(await purchasesOf(memberId)).toBe(0);
  });

  it('a body with two wrong fields lists both', async () => {
    const response = await recordPurchase(
      aPurchase(await aMember(), { receiptNumber: undefined, amountFen: -1 }),
      anIdempotencyKey(),
    );
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'receiptNumber',
      'amountFen',
    ]);
  });

  it('a line property no route knows is refused by name', async () => {
    const response = await recordPurchase(
      aPurchase(await aMember(), { lines: [{ ...line, note: 'x'.repeat(1000) }] }),
      anIdempotencyKey(),
    );
    expect(response.json()).toMatchObject({
      errors: [{ field: 'lines[0].note', message: 'note is not an accepted property' }],
    });
  });

  it('quantities and prices are bounded', async () => {
    const response = await recordPurchase(
      aPurchase(await aMember(), { lines: [{ ...line, quantity: 1e300, unitPriceFen: 1e300 }] }),
      anIdempotencyKey(),
    );
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'lines[0].quantity',
      'lines[0].unitPriceFen',
    ]);
  });
});

describe('paging input', () => {
  const ledger = async (query: string) =>
    get(`/v1/members/${await aMember()}/points/ledger?${query}`);
  const cursor = (position: object) =>
    Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

  it.each([
    ['a key that is no time', { key: 'yesterday', id: UNKNOWN_MEMBER }],
    ['an id that is no UUID', { key: '2026-01-01T00:00:00.000Z', id: "1' or '1'='1" }],
  ])('a forged cursor with %s is 400 naming cursor', async (_case, position) => {
    const response = await ledger(`cursor=${cursor(position)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_CURSOR', field: 'cursor' });
  });

  it.each(['1.5', '0', '101', 'ten'])('limit=%s is 400 naming limit', async (limit) => {
    const response = await ledger(`limit=${limit}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'limit' });
  });
});
