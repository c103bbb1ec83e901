import { randomUUID } from 'node:crypto';
import { Topics } from '@laoke/contracts';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  anIdempotencyKey,
  eventually,
  findMessage,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as membersApp from '../src/app';
import { aFullRegistration } from './member-builders';

let members: ServiceUnderTest;
let topic: (name: string) => string;
const BRAND = 'brand-erasure';
const officer = identityHeaders({ brandId: BRAND, roles: ['membership-officer'] });
const request = {
  requestedBy: 'member in person',
  reason: 'PIPL art. 47',
  source: 'store-counter',
};

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

const db = () => members.context.db;

const join = async (overrides: Record<string, unknown> = {}) => {
  const registration = aFullRegistration({ name: `顾${randomUUID().slice(0, 8)}`, ...overrides });
  const response = await members.app.inject({
    method: 'POST',
    url: '/v1/members',
    headers: officer,
    payload: registration,
  });
  expect(response.statusCode).toBe(201);
  return { registration, ...response.json<{ memberId: string; cardNumber: string }>() };
};

const erase = (memberId: string, options: { key?: string; headers?: object; body?: object } = {}) =>
  members.app.inject({
    method: 'POST',
    url: `/v1/members/${memberId}/erasure`,
    headers: {
      ...officer,
      'idempotency-key': options.key ?? anIdempotencyKey(),
      ...options.headers,
    },
    payload: options.body ?? request,
  });

const rawRow = async (memberId: string) =>
  (
    await db().raw<{ rows: Record<string, unknown>[] }>('select * from members where id = ?', [
      memberId,
    ])
  ).rows[0];

/** Every row of every table of the service, as text, that contains one of the values. */
async function rowsContaining(values: string[]): Promise<string[]> {
  const tables: { rows: { table_name: string }[] } = await db().raw(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  );
  const found: string[] = [];
  for (const { table_name: table } of tables.rows) {
    const rows: { rows: { text: string }[] } = await db().raw(
      'select row_to_json(t)::text as text from ?? t',
      [table],
    );
    for (const { text } of rows.rows)
      if (values.some((value) => text.includes(value))) found.push(`${table}: ${text}`);
  }
  return found;
}

const allPublished = (memberId: string) =>
  eventually(async () =>
    expect(await db()('outbox').where({ message_key: memberId }).whereNull('published_at')).toEqual(
      [],
    ),
  );

describe('PIPL erasure of a member', () => {
  it('when an officer erases a member, then no personal field, encrypted value or fingerprint is left in any table, the card and consents are gone and member.erased is published', async () => {
    const referrer = await join();
    const { registration, memberId, cardNumber } = await join({
      referrer: { memberId: referrer.memberId },
    });
    const referred = await join({ referrer: { memberId } });
    const consents = await members.app.inject({
      method: 'PUT',
      url: `/v1/members/${memberId}/consents`,
      headers: officer,
      payload: {
        source: 'store-form',
        actor: 'staff-007',
        wording: '我同意接收门店的关怀短信',
        consents: [
          { channel: 'sms', category: 'care', granted: true },
          { channel: 'wechat', category: 'marketing', granted: true },
        ],
      },
    });
    expect(consents.statusCode).toBe(200);
    const before = await rawRow(memberId);
    const personal = [
      registration.name,
      registration.mobile,
      registration.email,
      registration.address,
      registration.idNumber,
      registration.wechatOpenId,
      ...[
        'mobile_encrypted',
        'mobile_fingerprint',
        'email_encrypted',
        'address_encrypted',
        'id_number_encrypted',
        'id_number_fingerprint',
      ].map((column) => String(before?.[column])),
    ];
    expect(await rowsContaining(personal)).not.toEqual([]);
    await allPublished(memberId);

    const response = await erase(memberId);

    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ memberId, ...request, erasedAt: expect.any(String) });
    expect(await rowsContaining(personal)).toEqual([]);
    expect(await rawRow(memberId)).toMatchObject({
      name: null,
      gender: null,
      birthday: null,
      mobile_encrypted: null,
      mobile_fingerprint: null,
      mobile_masked: null,
      email_encrypted: null,
      email_masked: null,
      wechat_open_id: null,
      address_encrypted: null,
      address_masked: null,
      id_number_encrypted: null,
      id_number_fingerprint: null,
      id_number_masked: null,
      product_types: [],
      colours: [],
      style: null,
      habits: [],
      tags: [],
      important_dates: [],
      serving_associate_id: null,
      referrer_member_id: null,
      erased_at: expect.any(Date),
    });
    // Cards resolve to nothing; the member is gone from every look-up.
    for (const [method, url, payload] of [
      ['GET', `/v1/members/${memberId}`, undefined],
      ['GET', `/v1/cards/${cardNumber}`, undefined],
      ['POST', '/v1/members/search', { mobile: registration.mobile }],
      ['POST', '/v1/members/search', { cardNumber }],
      ['GET', `/v1/members/${memberId}/consents`, undefined],
    ] as const) {
      const lookup = await members.app.inject({ method, url, headers: officer, payload });
      expect(lookup.statusCode, url).toBe(404);
      expect(lookup.headers['content-type']).toContain('application/problem+json');
    }
    const query = await members.app.inject({
      method: 'POST',
      url: '/v1/members/query',
      headers: officer,
      payload: { mobile: registration.mobile },
    });
    expect(query.json()).toMatchObject({ items: [] });
    expect(await db()('cards').where({ member_id: memberId }).pluck('status')).toEqual(['blocked']);
    // Consents revoked; the evidence of each decision stays, without personal data.
    expect(await db()('member_consents').where({ member_id: memberId }).pluck('granted')).toEqual([
      false,
      false,
    ]);
    expect(
      await db()('consent_evidence').where({ member_id: memberId }).orderBy('recorded_at'),
    ).toEqual([
      expect.objectContaining({ granted: true, source: 'store-form' }),
      expect.objectContaining({ granted: true, source: 'store-form' }),
      expect.objectContaining({ granted: false, source: 'erasure', actor: request.requestedBy }),
      expect.objectContaining({ granted: false, source: 'erasure', actor: request.requestedBy }),
    ]);
    // R7: referral links detached both ways.
    expect(
      await db()('referrals').where({ id: memberId }).orWhere({ referrer_member_id: memberId }),
    ).toEqual([]);
    const stillThere = await members.app.inject({
      url: `/v1/members/${referred.memberId}`,
      headers: officer,
    });
    expect(stillThere.json()).toMatchObject({ referrerMemberId: null });
    const erased = await findMessage(
      inject('kafkaBrokers'),
      topic(Topics.membersEvents),
      (e) => e.type === 'member.erased' && e.data['memberId'] === memberId,
    );
    expect(JSON.parse(erased.value)).toMatchObject({ brandId: BRAND, memberId });
  });

  it('R7: when a member is erased, then their referral code resolves to nobody', async () => {
    const { memberId } = await join();
    const { referral_code: referralCode } = await db()('members')
      .where({ id: memberId })
      .first('referral_code');
    expect((await erase(memberId)).statusCode).toBe(201);

    const referred = await members.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: officer,
      payload: aFullRegistration({ referrer: { referralCode } }),
    });

    expect(referred.statusCode).toBe(422);
    expect(referred.json()).toMatchObject({ field: 'referrer.referralCode' });
    expect(await db()('members').where({ id: memberId }).first('referral_code')).toEqual({
      referral_code: null,
    });
  });

  it('when the erased member registers again with the same mobile, then a new member is created', async () => {
    const { registration, memberId } = await join();
    expect((await erase(memberId)).statusCode).toBe(201);

    const again = await members.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: officer,
      payload: registration,
    });

    expect(again.statusCode).toBe(201);
    expect(again.json<{ memberId: string }>().memberId).not.toBe(memberId);
  });

  it('when the erasure is replayed with its Idempotency-Key, then the same record comes back; another key is refused and GET shows the record', async () => {
    const { memberId } = await join();
    const key = anIdempotencyKey();
    const first = await erase(memberId, { key });

    const replay = await erase(memberId, { key });
    const other = await erase(memberId);
    const record = await members.app.inject({
      url: `/v1/members/${memberId}/erasure`,
      headers: officer,
    });

    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'MEMBER_ALREADY_ERASED', field: 'memberId' });
    expect(record.statusCode).toBe(200);
    expect(record.json()).toEqual(first.json());
    expect(
      await db()('outbox').where({ message_key: memberId, event_type: 'member.erased' }),
    ).toHaveLength(1);
  });

  it.each([
    ['an associate', identityHeaders({ brandId: BRAND, roles: ['associate'] })],
    ['no role', identityHeaders({ brandId: BRAND })],
  ])('when %s asks, then 403 and the member is untouched', async (_who, roles) => {
    const { memberId } = await join();

    const response = await erase(memberId, { headers: roles, body: {} });
    const read = await members.app.inject({
      url: `/v1/members/${memberId}/erasure`,
      headers: { ...officer, ...roles },
    });

    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(read.statusCode).toBe(403);
    expect(await rawRow(memberId)).toMatchObject({ erased_at: null });
  });

  it('when the member is unknown, then 404 for the erasure and its record', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await erase(unknown)).json()).toMatchObject({
      status: 404,
      code: 'MEMBER_NOT_FOUND',
    });
    const record = await members.app.inject({
      url: `/v1/members/${unknown}/erasure`,
      headers: officer,
    });
    expect(record.statusCode).toBe(404);
  });

  it.each([
    ['no requestedBy', { reason: 'x', source: 'phone' }, 'requestedBy'],
    ['a blank reason', { ...request, reason: '  ' }, 'reason'],
    ['an unknown source', { ...request, source: 'fax' }, 'source'],
    ['an extra property', { ...request, mobile: '13912345678' }, 'mobile'],
  ])(
    'when the body has %s, then 400 names the field and nothing is erased',
    async (_c, body, field) => {
      const { memberId } = await join();

      const response = await erase(memberId, { body });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field });
      expect(await rawRow(memberId)).toMatchObject({ erased_at: null });
    },
  );

  it('when the Idempotency-Key is missing, then 400 names it and nothing is erased', async () => {
    const { memberId } = await join();

    const response = await members.app.inject({
      method: 'POST',
      url: `/v1/members/${memberId}/erasure`,
      headers: officer,
      payload: request,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'idempotency-key' });
    expect(await rawRow(memberId)).toMatchObject({ erased_at: null });
  });
});
