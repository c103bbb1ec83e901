import {
  TEST_PII_KEY,
  aTopicNamespace,
  aMemberRegistration,
  aPurchase,
  anIdempotencyKey,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as membersApp from '../../apps/members/src/app';
import * as loyaltyApp from '../../apps/loyalty/src/app';

let members: ServiceUnderTest;
let loyalty: ServiceUnderTest;
const BRAND = 'brand-loyalty-test';
const headers = identityHeaders({ brandId: BRAND });

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
    LOYALTY_LATE_PURCHASE_DAYS: 45,
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

const recordPurchase = (body: object, key = anIdempotencyKey()) =>
  loyalty.app.inject({
    method: 'POST',
    url: '/v1/purchases',
    headers: { ...headers, 'idempotency-key': key },
    payload: body,
  });

const balanceOf = async (memberId: string) =>
  (await loyalty.app.inject({ url: `/v1/members/${memberId}/points`, headers })).json<{
    balance: number;
  }>().balance;

describe('R4: recording a POS purchase', () => {
  it('when a member registered a moment ago buys, then the purchase is recorded with its points, ledger line and events', async () => {
    const memberId = await aMember();

    const response = await recordPurchase(aPurchase(memberId, { amountFen: 52_000 }));

    expect(response.statusCode).toBe(201);
    const { purchaseId } = response.json<{ purchaseId: string }>();
    expect(await balanceOf(memberId)).toBe(52);
    const ledger = await loyalty.context.db('points_ledger').where({ member_id: memberId });
    expect(ledger).toMatchObject([{ delta: 52, balance_after: '52', purchase_id: purchaseId }]);
    const outbox = await loyalty.context
      .db('outbox')
      .where('message_key', memberId)
      .orderBy('position');
    expect(outbox.map((row: { event_type: string }) => row.event_type)).toEqual([
      'purchase.recorded',
      'points.earned',
    ]);
  });

  it('when the POS sends the same sale five times at once, then it is recorded once', async () => {
    const memberId = await aMember();
    const sale = aPurchase(memberId, { amountFen: 100_000 });
    const key = anIdempotencyKey();

    const responses = await Promise.all(Array.from({ length: 5 }, () => recordPurchase(sale, key)));

    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.json<{ purchaseId: string }>().purchaseId)).size).toBe(1);
    expect(await balanceOf(memberId)).toBe(100);
  });

  it('when an Idempotency-Key is reused for a different sale, then 422 names the key and nothing changes', async () => {
    const memberId = await aMember();
    const key = anIdempotencyKey();
    await recordPurchase(aPurchase(memberId, { amountFen: 10_000 }), key);

    const response = await recordPurchase(aPurchase(memberId, { amountFen: 20_000 }), key);

    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotency-key',
    });
    expect(await balanceOf(memberId)).toBe(10);
  });

  it('when a receipt already recorded is resent with a new key and the same content, then it gets the first result and no points are added', async () => {
    const memberId = await aMember();
    const sale = aPurchase(memberId, { amountFen: 10_000 });
    const first = await recordPurchase(sale);

    const resent = await Promise.all(Array.from({ length: 5 }, () => recordPurchase(sale)));

    expect(resent.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    for (const response of resent) expect(response.json()).toEqual(first.json());
    expect(await balanceOf(memberId)).toBe(10);
  });

  it('when a receipt already recorded comes with other content, then 409 names the receipt and no points are added', async () => {
    const memberId = await aMember();
    const sale = aPurchase(memberId, { amountFen: 10_000 });
    await recordPurchase(sale);

    const response = await recordPurchase({
      ...sale,
      ...aPurchase(memberId, { amountFen: 20_000, receiptNumber: sale.receiptNumber }),
    });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'RECEIPT_ALREADY_RECORDED',
      field: 'receiptNumber',
    });
    expect(await balanceOf(memberId)).toBe(10);
  });

  it('when a member of another brand buys here, then they are unknown', async () => {
    const memberId = await aMember();
    const response = await loyalty.app.inject({
      method: 'POST',
      url: '/v1/purchases',
      headers: {
        ...identityHeaders({ brandId: 'another-brand' }),
        'idempotency-key': anIdempotencyKey(),
      },
      payload: aPurchase(memberId),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'UNKNOWN_MEMBER', field: 'memberId' });
  });

  it('when the sale is dated in the future, then 400 names purchasedAt', async () => {
    const memberId = await aMember();
    const response = await recordPurchase(
      aPurchase(memberId, { purchasedAt: '2999-01-01T00:00:00Z' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'purchasedAt' });
  });

  it('when the sale is older than LOYALTY_LATE_PURCHASE_DAYS, then 422 names purchasedAt and no points are added', async () => {
    const memberId = await aMember();
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

    const tooOld = await recordPurchase(aPurchase(memberId, { purchasedAt: daysAgo(46) }));
    expect(tooOld.statusCode).toBe(422);
    expect(tooOld.json()).toMatchObject({ field: 'purchasedAt' });
    expect(await balanceOf(memberId)).toBe(0);

    const synced = await recordPurchase(aPurchase(memberId, { purchasedAt: daysAgo(44) }));
    expect(synced.statusCode).toBe(201);
  });

  it('when the POS names the member by card number or by mobile, then members resolves them and the points are theirs', async () => {
    const registration = aMemberRegistration();
    const registered = await members.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers,
      payload: registration,
    });
    const { memberId, cardNumber } = registered.json<{ memberId: string; cardNumber: string }>();
    const { memberId: _, ...sale } = aPurchase(memberId, { amountFen: 30_000 });

    const byCard = await recordPurchase({ ...sale, cardNumber });
    const byMobile = await recordPurchase({
      ...aPurchase(memberId, { amountFen: 20_000 }),
      memberId: undefined,
      mobile: registration.mobile,
    });
    const unknown = await recordPurchase({
      ...sale,
      receiptNumber: 'R-X',
      cardNumber: 'VIP9999999999',
    });

    expect(byCard.json()).toMatchObject({ memberId, pointsEarned: 30 });
    expect(byMobile.json()).toMatchObject({ memberId, pointsEarned: 20 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_MEMBER', field: 'cardNumber' });
    expect(await balanceOf(memberId)).toBe(50);
  });

  it('when a member has never bought, then the balance is zero', async () => {
    expect(await balanceOf(await aMember())).toBe(0);
  });
});

describe('R4: the points ledger', () => {
  const ledgerPage = (memberId: string, query: string) =>
    loyalty.app.inject({ url: `/v1/members/${memberId}/points/ledger?${query}`, headers });

  it('when a member bought three times, then the ledger pages through every change, newest first', async () => {
    const memberId = await aMember();
    for (const amountFen of [10_000, 20_000, 30_000]) {
      expect((await recordPurchase(aPurchase(memberId, { amountFen }))).statusCode).toBe(201);
    }

    const first = (await ledgerPage(memberId, 'limit=2')).json<{
      items: { delta: number; balanceAfter: number }[];
      nextCursor: string;
    }>();
    const second = (await ledgerPage(memberId, `limit=2&cursor=${first.nextCursor}`)).json<{
      items: { delta: number }[];
      nextCursor: string | null;
    }>();

    expect(first.items.map((e) => [e.delta, e.balanceAfter])).toEqual([
      [30, 60],
      [20, 30],
    ]);
    expect(second.items.map((e) => e.delta)).toEqual([10]);
    expect(second.nextCursor).toBeNull();
  });

  it('when the cursor was not given out by the API, then 400 names it', async () => {
    const response = await ledgerPage(await aMember(), 'cursor=not-a-cursor');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_CURSOR', field: 'cursor' });
  });

  it('when the page size is out of range, then 400 names limit', async () => {
    const response = await ledgerPage(await aMember(), 'limit=1000');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'limit' });
  });
});
