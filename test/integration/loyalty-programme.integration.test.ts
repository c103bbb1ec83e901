import {
  TEST_PII_KEY,
  aMemberRegistration,
  aTestClock,
  aTopicNamespace,
  anIdempotencyKey,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as loyaltyApp from '../../apps/loyalty/src/app';
import * as membersApp from '../../apps/members/src/app';

let members: ServiceUnderTest;
let loyalty: ServiceUnderTest;
const BRAND = 'brand-programme-members';
const headers = identityHeaders({ brandId: BRAND });
// Thursday 5 March 2026, 10:00 in Shanghai: no Wednesday double, a 12-03-05 birthday is today.
const clock = aTestClock(new Date('2026-03-05T02:00:00Z'));

beforeAll(async () => {
  const { prefix } = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
  loyalty = await startServiceUnderTest(
    loyaltyApp,
    { KAFKA_TOPIC_PREFIX: prefix, SERVICE_NAME: 'loyalty', MEMBERS_URL: members.url },
    { clock },
  );
  await loyalty.app.inject({
    method: 'POST',
    url: '/v1/programme/versions',
    headers: { ...headers, 'idempotency-key': anIdempotencyKey() },
    payload: {
      definition: (
        await loyalty.app.inject({ url: '/v1/programme/templates/seed', headers })
      ).json<{ definition: object }>().definition,
    },
  });
});
afterAll(async () => {
  await loyalty?.close();
  await members?.close();
});

const quote = (memberId: string) =>
  loyalty.app.inject({
    method: 'POST',
    url: '/v1/checkout/quote',
    headers,
    payload: {
      memberId,
      storeId: 'SH-009',
      lines: [{ sku: 'RING', quantity: 1, unitPriceFen: 100_000 }],
    },
  });

describe('R3/R4: the programme asks members for a member it has not projected yet', () => {
  it('when a member registered a moment ago with a birthday today asks for a quote, then the birthday double is in it', async () => {
    const registered = await members.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers,
      payload: aMemberRegistration({ birthday: '1991-03-05' }),
    });
    const { memberId } = registered.json<{ memberId: string }>();

    const response = await quote(memberId);

    expect(response.statusCode).toBe(200);
    // 1,000 yuan less the VIP 20% = 800 yuan: 80 base, doubled for the birthday and for the
    // first paying member of the store's day.
    expect(
      response.json<{ points: { rules: { rule: string; points: number }[] } }>().points.rules,
    ).toMatchObject([
      { rule: 'base', points: 80 },
      { rule: 'promotion:birthday-double', points: 80 },
      { rule: 'promotion:first-ten-of-the-day-double', points: 80 },
    ]);
  });

  it('when the member is unknown to members too, then the quote is a 422 naming memberId and the tier a 404', async () => {
    const unknown = randomUUID();

    const refused = await quote(unknown);
    const tier = await loyalty.app.inject({ url: `/v1/members/${unknown}/tier`, headers });

    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'UNKNOWN_MEMBER', field: 'memberId' });
    expect(tier.statusCode).toBe(404);
    expect(tier.json()).toMatchObject({ code: 'MEMBER_NOT_FOUND', field: 'memberId' });
    expect(await loyalty.context.db('programme_members').where({ member_id: unknown })).toEqual([]);
  });
});
