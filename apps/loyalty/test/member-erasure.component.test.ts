import { randomUUID } from 'node:crypto';
import { Topics, createEvent } from '@laoke/contracts';
import {
  aPurchase,
  aTestClock,
  aTopicNamespace,
  anIdempotencyKey,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as loyaltyApp from '../src/app';

let loyalty: ServiceUnderTest;
let topic: (name: string) => string;
const clock = aTestClock(new Date('2026-03-04T02:00:00Z'));
const BRAND = 'brand-erasure-loyalty';
const headers = identityHeaders({ brandId: BRAND });

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  loyalty = await startServiceUnderTest(
    loyaltyApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'loyalty',
      // Nothing listens here: the member is projected from member.registered.
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
});
afterAll(() => loyalty?.close());

const db = () => loyalty.context.db;
const publish = (...events: { memberId?: string }[]) =>
  publishRaw(
    inject('kafkaBrokers'),
    topic(Topics.membersEvents),
    events.map((event) => ({ key: event.memberId ?? null, value: JSON.stringify(event) })),
  );

const storeTotals = async () =>
  db()('purchases')
    .where({ brand_id: BRAND })
    .first<{ purchases: string; fen: string }>(
      db().raw('count(*) as purchases, sum(amount_fen) as fen'),
    );

describe('PIPL erasure in loyalty', () => {
  it('when member.erased arrives, then the birthday and membership projections go, purchases and points stay and the brand totals are unchanged', async () => {
    const memberId = randomUUID();
    await publish(
      createEvent({
        type: 'member.registered',
        brandId: BRAND,
        memberId,
        data: {
          memberId,
          cardNumber: `C${memberId.slice(0, 8)}`,
          name: 'Li',
          mobileEncrypted: 'x',
          mobileMasked: '138****0000',
          birthday: '1990-07-01',
          homeStoreId: 'SH-001',
          registeredAt: clock.now().toISOString(),
        },
      }),
    );
    await eventually(async () => {
      expect(await db()('programme_members').where({ member_id: memberId })).toHaveLength(1);
      expect(await db()('known_members').where({ member_id: memberId })).toHaveLength(1);
    });
    const bought = await loyalty.app.inject({
      method: 'POST',
      url: '/v1/purchases',
      headers: { ...headers, 'idempotency-key': anIdempotencyKey() },
      payload: aPurchase(memberId, {
        amountFen: 520_000,
        lines: [{ sku: 'NECK-01', name: '足金项链', quantity: 1, unitPriceFen: 520_000 }],
      }),
    });
    expect(bought.statusCode).toBe(201);
    const totals = await storeTotals();
    const ledger = await db()('points_ledger')
      .where({ member_id: memberId })
      .sum('delta as points');

    await publish(
      createEvent({
        type: 'member.erased',
        brandId: BRAND,
        memberId,
        data: { memberId, erasedAt: clock.now().toISOString() },
      }),
    );

    await eventually(async () => {
      expect(await db()('programme_members').where({ member_id: memberId })).toEqual([]);
      expect(await db()('known_members').where({ member_id: memberId })).toEqual([]);
    });
    expect(await storeTotals()).toEqual(totals);
    expect(
      await db()('points_ledger').where({ member_id: memberId }).sum('delta as points'),
    ).toEqual(ledger);
    expect(Number(ledger[0]?.['points'])).toBeGreaterThan(0);
  });
});
