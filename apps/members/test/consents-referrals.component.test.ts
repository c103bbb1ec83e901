import { Topics } from '@laoke/contracts';
import {
  TEST_PII_KEY,
  aMemberRegistration,
  anIdempotencyKey,
  aTopicNamespace,
  findMessage,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { referralCodesMigration } from '../migrations/0010_referral_codes';
import * as membersApp from '../src/app';

let members: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-consents-referrals';
const headers = identityHeaders({ brandId: BRAND });

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

const join = async (overrides: Record<string, unknown> = {}, brand = BRAND) => {
  const registration = aMemberRegistration(overrides);
  const response = await members.app.inject({
    method: 'POST',
    url: '/v1/members',
    headers: identityHeaders({ brandId: brand }),
    payload: registration,
  });
  return { response, registration, ...response.json<{ memberId: string; cardNumber: string }>() };
};
const putConsents = (memberId: string, payload: object) =>
  members.app.inject({
    method: 'PUT',
    url: `/v1/members/${memberId}/consents`,
    headers,
    payload,
  });
const outboxOf = (memberId: string, type: string) =>
  members.context.db('outbox').where({ message_key: memberId, event_type: type });
const evidenceOf = (memberId: string) =>
  members.context.db('consent_evidence').where({ member_id: memberId }).orderBy('recorded_at');

describe('R5: consent per channel and category, with evidence', () => {
  const form = {
    source: 'store-form',
    actor: 'staff-007',
    wording: '我同意接收门店的关怀短信',
  };

  it('when consents are recorded, then GET shows them, evidence is kept and one member.consent-changed is published per change', async () => {
    const { memberId } = await join();

    const response = await putConsents(memberId, {
      ...form,
      consents: [
        { channel: 'sms', category: 'care', granted: true },
        { channel: 'sms', category: 'marketing', granted: false },
      ],
    });

    expect(response.statusCode).toBe(200);
    const current = await members.app.inject({ url: `/v1/members/${memberId}/consents`, headers });
    expect(current.json()).toEqual({
      memberId,
      consents: [
        expect.objectContaining({
          channel: 'sms',
          category: 'care',
          granted: true,
          source: 'store-form',
        }),
        expect.objectContaining({ channel: 'sms', category: 'marketing', granted: false }),
      ],
    });
    expect(await evidenceOf(memberId)).toEqual([
      expect.objectContaining({ channel: 'sms', granted: true, ...form }),
      expect.objectContaining({ channel: 'sms', granted: false, ...form }),
    ]);
    expect(await outboxOf(memberId, 'member.consent-changed')).toHaveLength(2);
    const published = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.membersEvents),
      (e) =>
        e.type === 'member.consent-changed' &&
        e.data['memberId'] === memberId &&
        e.data['category'] === 'marketing',
    );
    expect(JSON.parse(published.value)).toMatchObject({
      data: { channel: 'sms', granted: false, source: 'store-form' },
    });
  });

  it('when the same decisions come again, then nothing new is recorded or published; a change is', async () => {
    const { memberId } = await join();
    const care = { channel: 'wechat', category: 'care', granted: true };
    await putConsents(memberId, { ...form, consents: [care] });

    await putConsents(memberId, { ...form, consents: [care] });
    expect(await evidenceOf(memberId)).toHaveLength(1);

    await putConsents(memberId, { source: 'sms-reply', consents: [{ ...care, granted: false }] });
    expect(await evidenceOf(memberId)).toHaveLength(2);
    expect(await outboxOf(memberId, 'member.consent-changed')).toHaveLength(2);
  });

  it.each([
    [
      'an unknown channel',
      { consents: [{ channel: 'fax', category: 'care', granted: true }] },
      'consents[0].channel',
    ],
    [
      'granted as a string',
      { consents: [{ channel: 'sms', category: 'care', granted: 'yes' }] },
      'consents[0].granted',
    ],
    ['no decisions', { consents: [] }, 'consents'],
    [
      'a blank source',
      { source: ' ', consents: [{ channel: 'sms', category: 'care', granted: true }] },
      'source',
    ],
    [
      'the same pair twice',
      {
        consents: [
          { channel: 'sms', category: 'care', granted: true },
          { channel: 'sms', category: 'care', granted: false },
        ],
      },
      'consents[1]',
    ],
  ])(
    'when the request has %s, then 400 names the field and nothing is written',
    async (_c, body, field) => {
      const { memberId } = await join();

      const response = await putConsents(memberId, { ...form, ...body });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field });
      expect(await evidenceOf(memberId)).toHaveLength(0);
      expect(
        await members.context.db('member_consents').where({ member_id: memberId }),
      ).toHaveLength(0);
    },
  );

  it('when the member is unknown, then 404', async () => {
    const response = await putConsents('01900000-0000-7000-8000-000000000000', {
      ...form,
      consents: [{ channel: 'sms', category: 'care', granted: true }],
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('R7: referrals', () => {
  it('when members join naming a referrer by card, mobile or id, then the links are kept, listed and published', async () => {
    const referrer = await join();
    const byCard = await join({ referrer: { cardNumber: referrer.cardNumber } });
    const byMobile = await join({ referrer: { mobile: referrer.registration.mobile } });
    const byId = await join({ referrer: { memberId: referrer.memberId } });

    expect(byCard.response.statusCode).toBe(201);
    expect(byCard.response.json()).toMatchObject({ referrerMemberId: referrer.memberId });
    const first = await members.app.inject({
      url: `/v1/members/${referrer.memberId}/referrals?limit=2`,
      headers,
    });
    const page1 = first.json<{ items: { memberId: string; via: string }[]; nextCursor: string }>();
    const second = await members.app.inject({
      url: `/v1/members/${referrer.memberId}/referrals?limit=2&cursor=${page1.nextCursor}`,
      headers,
    });
    const page2 = second.json<{ items: { memberId: string; via: string }[]; nextCursor: null }>();
    expect([...page1.items, ...page2.items].map((i) => [i.memberId, i.via]).sort()).toEqual(
      [
        [byCard.memberId, 'card-number'],
        [byMobile.memberId, 'mobile'],
        [byId.memberId, 'member-id'],
      ].sort(),
    );
    expect(page2.nextCursor).toBeNull();
    const ofReferred = await members.app.inject({
      url: `/v1/members/${byId.memberId}/referrals`,
      headers,
    });
    expect(ofReferred.json()).toMatchObject({ referrerMemberId: referrer.memberId, items: [] });
    const published = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.membersEvents),
      (e) => e.type === 'member.referred' && e.data['memberId'] === byMobile.memberId,
    );
    expect(JSON.parse(published.value)).toMatchObject({
      data: { referrerMemberId: referrer.memberId, via: 'mobile' },
    });
    expect(published.value).not.toContain(referrer.registration.mobile);
  });

  it('when the referrer is of another brand or unknown, then 422 names the key and nobody joins', async () => {
    const elsewhere = await join({}, 'another-brand');
    for (const [referrer, field] of [
      [{ memberId: elsewhere.memberId }, 'referrer.memberId'],
      [{ cardNumber: elsewhere.cardNumber }, 'referrer.cardNumber'],
      [{ mobile: aMemberRegistration().mobile }, 'referrer.mobile'],
    ] as const) {
      const { response, registration } = await join({ referrer });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'UNKNOWN_REFERRER', field });
      const masked = `${registration.mobile.slice(0, 3)}****${registration.mobile.slice(-4)}`;
      expect(
        await members.context.db('members').where({ brand_id: BRAND, mobile_masked: masked }),
      ).toHaveLength(0);
    }
  });

  it.each([
    [
      'two keys',
      { memberId: '01900000-0000-7000-8000-000000000000', cardNumber: 'VIP1' },
      'referrer',
    ],
    ['no key', {}, 'referrer'],
    ['a malformed id', { memberId: 'nope' }, 'referrer.memberId'],
  ])(
    'when the referrer has %s, then 400 names it and nobody joins',
    async (_c, referrer, field) => {
      const count = async () =>
        Number((await members.context.db('members').count('* as n').first())?.['n']);
      const before = await count();

      const { response } = await join({ referrer });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field });
      expect(await count()).toBe(before);
    },
  );
});

describe('R7: referral codes', () => {
  const CROCKFORD_CODE = /^[0-9A-HJKMNP-TV-Z]{8}$/;
  const referredEventOf = (memberId: string) =>
    findMessage(
      inject('kafkaBrokers'),
      topic(Topics.membersEvents),
      (e) => e.type === 'member.referred' && e.data['memberId'] === memberId,
    );
  const codeOf = async (memberId: string, brand = BRAND) =>
    (
      await members.app.inject({
        url: `/v1/members/${memberId}`,
        headers: identityHeaders({ brandId: brand }),
      })
    ).json<{ referralCode: string }>().referralCode;

  it('R7: when members join, then each gets its own 8-character Crockford code, shown in the member view', async () => {
    const joined = await Promise.all([join(), join(), join()]);

    const codes = joined.map((member) => member.response.json<{ referralCode: string }>());
    for (const { referralCode } of codes) expect(referralCode).toMatch(CROCKFORD_CODE);
    expect(new Set(codes.map((c) => c.referralCode)).size).toBe(3);
    expect(await codeOf(joined[0].memberId)).toBe(codes[0]?.referralCode);
  });

  it('R7: when a member joins with a friend’s code, then the link is kept and member.referred says via referral-code', async () => {
    const friend = await join();
    const code = await codeOf(friend.memberId);

    const referred = await join({ referrer: { referralCode: code.toLowerCase() } });

    expect(referred.response.statusCode).toBe(201);
    expect(referred.response.json()).toMatchObject({ referrerMemberId: friend.memberId });
    expect(
      await members.context.db('referrals').where({ id: referred.memberId }).first('via'),
    ).toEqual({ via: 'referral-code' });
    const published = await referredEventOf(referred.memberId);
    expect(JSON.parse(published.value)).toMatchObject({
      data: { referrerMemberId: friend.memberId, via: 'referral-code' },
    });
  });

  it('R7: when the code is unknown, of another brand or malformed, then 4xx names referrer.referralCode and nobody joins', async () => {
    const elsewhere = await join({}, 'another-brand');
    const foreignCode = await codeOf(elsewhere.memberId, 'another-brand');
    for (const [referralCode, status] of [
      ['ZZZZZZZZ', 422],
      [foreignCode, 422],
      ['ABC', 400],
    ] as const) {
      const { response, registration } = await join({ referrer: { referralCode } });
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ field: 'referrer.referralCode' });
      if (status === 422) expect(response.json()).toMatchObject({ code: 'UNKNOWN_REFERRER' });
      const masked = `${registration.mobile.slice(0, 3)}****${registration.mobile.slice(-4)}`;
      expect(
        await members.context.db('members').where({ brand_id: BRAND, mobile_masked: masked }),
      ).toHaveLength(0);
    }
  });

  it('R7: when migration 0010 backfills members who joined before codes, then each live one gets its own code and an erased one none', async () => {
    const brand = 'brand-referral-backfill';
    const [first, second, erased] = await Promise.all([
      join({}, brand),
      join({}, brand),
      join({}, brand),
    ]);
    const erasure = await members.app.inject({
      method: 'POST',
      url: `/v1/members/${erased.memberId}/erasure`,
      headers: {
        ...identityHeaders({ brandId: brand, roles: ['membership-officer'] }),
        'idempotency-key': anIdempotencyKey(),
      },
      payload: { requestedBy: 'member in person', reason: 'PIPL', source: 'store-counter' },
    });
    expect(erasure.statusCode).toBe(201);
    const db = members.context.db;

    await referralCodesMigration.down(db);
    await referralCodesMigration.up(db);

    const codes = new Map(
      (
        await db<{ id: string; brand_id: string; referral_code: string | null }>('members')
          .where({ brand_id: brand })
          .select('id', 'referral_code')
      ).map((row) => [row.id, row.referral_code]),
    );
    expect(codes.get(first.memberId)).toMatch(CROCKFORD_CODE);
    expect(codes.get(second.memberId)).toMatch(CROCKFORD_CODE);
    expect(codes.get(first.memberId)).not.toBe(codes.get(second.memberId));
    expect(codes.get(erased.memberId)).toBeNull();
    const sameCode = db('members')
      .where({ id: second.memberId })
      .update({ referral_code: codes.get(first.memberId) });
    await expect(sameCode).rejects.toThrow(/members_brand_referral_code/);
  });
});
