import {
  TEST_PII_KEY,
  aMemberRegistration,
  aTopicNamespace,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as membersApp from '../src/app';
import { aFullRegistration, anIdNumber, withWrongCheck } from './member-builders';

let members: ServiceUnderTest;
const BRAND = 'brand-member-profile';
const clerk = identityHeaders({ brandId: BRAND, roles: ['associate'] });
const officer = identityHeaders({ brandId: BRAND, roles: ['store-manager', 'membership-officer'] });

beforeAll(async () => {
  const { prefix } = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
});
afterAll(() => members?.close());

interface MemberBody {
  memberId: string;
  [field: string]: unknown;
}

const register = (body: object, headers: Record<string, string> = clerk) =>
  members.app.inject({ method: 'POST', url: '/v1/members', headers, payload: body });
const get = (memberId: string, headers: Record<string, string> = clerk) =>
  members.app.inject({ url: `/v1/members/${memberId}`, headers });
const patch = (memberId: string, body: object, headers: Record<string, string>) =>
  members.app.inject({
    method: 'PATCH',
    url: `/v1/members/${memberId}`,
    headers: { ...clerk, ...headers },
    payload: body,
  });
const eventsOf = (memberId: string, type: string) =>
  members.context
    .db('outbox')
    .where({ message_key: memberId, event_type: type })
    .orderBy('position')
    .pluck('payload') as Promise<{ data: Record<string, unknown> }[]>;

describe('R1: the member profile', () => {
  it('when a member joins with every profile field, then all of them come back, personal data masked', async () => {
    const registration = aFullRegistration();

    const response = await register(registration);

    expect(response.statusCode).toBe(201);
    expect(response.headers['etag']).toBe('"1"');
    const idNumber = registration.idNumber;
    expect(response.json()).toMatchObject({
      name: registration.name,
      gender: 'female',
      birthday: registration.birthday,
      birthdayCalendar: 'lunar',
      mobile: `${registration.mobile.slice(0, 3)}****${registration.mobile.slice(-4)}`,
      email: expect.stringMatching(/^l\*\*\*@example\.com$/),
      wechatOpenId: registration.wechatOpenId,
      address: '上海市黄浦区****',
      idNumber: `110101********${idNumber.slice(-4)}`,
      productTypes: ['项链', '戒指'],
      colours: ['玫瑰金'],
      style: '简约',
      habits: ['周末下午来店'],
      tags: ['婚庆', '高净值'],
      importantDates: [{ label: '结婚纪念日', date: '2015-05-20' }],
      homeStoreId: registration.homeStoreId,
      servingAssociateId: 'staff-007',
      referrerMemberId: null,
    });
  });

  it('then the ID number, address, e-mail and mobile are not readable in the stored row', async () => {
    const registration = aFullRegistration();
    const { memberId } = (await register(registration)).json<MemberBody>();

    const row = JSON.stringify(await members.context.db('members').where({ id: memberId }).first());

    for (const value of [
      registration.mobile,
      registration.idNumber,
      registration.email,
      registration.address,
    ] as string[])
      expect(row).not.toContain(value);
  });

  it('when a mobile outside the mainland is given in E.164, then the member joins', async () => {
    const response = await register(aMemberRegistration({ mobile: '+85291234567' }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ mobile: '+85****4567' });
  });
});

describe('R1/personal data: full view only for the roles that may have it', () => {
  it.each([
    ['a membership officer', officer],
    ['a brand admin', identityHeaders({ brandId: BRAND, roles: ['brand-admin'] })],
  ])('when %s reads the member, then personal data is in clear', async (_who, headers) => {
    const registration = aFullRegistration();
    const { memberId } = (await register(registration)).json<MemberBody>();

    const response = await get(memberId, headers);

    expect(response.json()).toMatchObject({
      mobile: registration.mobile,
      email: registration.email,
      address: registration.address,
      idNumber: registration.idNumber,
    });
  });

  it.each([
    ['an associate', clerk],
    ['a caller without roles', identityHeaders({ brandId: BRAND })],
    [
      'a role that only resembles one',
      identityHeaders({ brandId: BRAND, roles: ['brand-admins'] }),
    ],
  ])('when %s reads the member, then none of it is in clear', async (_who, headers) => {
    const registration = aFullRegistration();
    const { memberId } = (await register(registration)).json<MemberBody>();

    const response = await get(memberId, headers);

    expect(response.statusCode).toBe(200);
    for (const value of [
      registration.mobile,
      registration.email,
      registration.address,
      registration.idNumber,
    ] as string[])
      expect(response.body).not.toContain(value);
  });
});

describe('R1: bad profile input is a 400 naming the field, and nothing is written', () => {
  it.each([
    [
      'an ID number with a wrong check character',
      { idNumber: withWrongCheck(anIdNumber()) },
      'idNumber',
    ],
    ['an ID number of 17 digits', { idNumber: anIdNumber().slice(0, 17) }, 'idNumber'],
    ['an e-mail without @', { email: 'li.na.example.com' }, 'email'],
    ['a mainland mobile written with +86', { mobile: '+8613912345678' }, 'mobile'],
    ['a mobile of 10 digits', { mobile: '1391234567' }, 'mobile'],
    ['an unknown gender', { gender: 'x' }, 'gender'],
    ['a birthday calendar that is neither', { birthdayCalendar: 'islamic' }, 'birthdayCalendar'],
    [
      'an important date that is no date',
      { importantDates: [{ label: '纪念日', date: '2015-02-30' }] },
      'importantDates[0].date',
    ],
    [
      'an important date without a label',
      { importantDates: [{ date: '2015-02-03' }] },
      'importantDates[0].label',
    ],
    ['a NUL in a tag', { tags: ['ok', 'b\u0000d'] }, 'tags[1]'],
    ['51 tags', { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
    ['an over-long address', { address: '路'.repeat(201) }, 'address'],
  ])('POST /v1/members with %s', async (_case, override, field) => {
    const marker = `档案-${Math.random().toString(36).slice(2, 8)}`;
    const response = await register(aFullRegistration({ name: marker, ...override }));

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field });
    expect(await members.context.db('members').where({ name: marker }).first()).toBeUndefined();
  });

  it('when the mobile belongs to another member, then 409 names the existing member', async () => {
    const first = aFullRegistration();
    const { memberId } = (await register(first)).json<MemberBody>();

    const response = await register(aFullRegistration({ mobile: first.mobile, name: '别人' }));

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ field: 'mobile', existingMemberId: memberId });
  });
});

describe('R1: partial updates with ETag / If-Match', () => {
  it('when the clerk sends the ETag read last, then only the given fields change and member.updated is published', async () => {
    const registration = aFullRegistration();
    const created = await register(registration);
    const { memberId } = created.json<MemberBody>();
    const newEmail = 'new.mail@example.org';

    const response = await patch(
      memberId,
      { email: newEmail, tags: ['老客'], servingAssociateId: null, style: null },
      { 'if-match': created.headers['etag'] as string },
    );

    expect(response.statusCode).toBe(200);
    expect(response.headers['etag']).toBe('"2"');
    expect(response.json()).toMatchObject({
      name: registration.name,
      email: 'n***@example.org',
      tags: ['老客'],
      colours: ['玫瑰金'],
      servingAssociateId: null,
      style: null,
      address: '上海市黄浦区****',
    });
    expect((await get(memberId, officer)).json()).toMatchObject({ email: newEmail });
    const [updated] = await eventsOf(memberId, 'member.updated').then((e) => e.slice(-1));
    expect(updated?.data).toMatchObject({
      memberId,
      emailEncrypted: expect.stringMatching(/^v1\./),
      servingAssociateId: null,
    });
    expect(JSON.stringify(updated)).not.toContain(newEmail);
  });

  it('when the mobile changes, then the event carries it encrypted and the old mobile is free again', async () => {
    const registration = aMemberRegistration();
    const created = await register(registration);
    const { memberId } = created.json<MemberBody>();
    const { mobile } = aMemberRegistration();

    const response = await patch(memberId, { mobile }, { 'if-match': '"1"' });

    expect(response.statusCode).toBe(200);
    const [updated] = await eventsOf(memberId, 'member.updated');
    expect(updated?.data).toMatchObject({ mobileEncrypted: expect.stringMatching(/^v1\./) });
    expect(JSON.stringify(updated)).not.toContain(mobile);
    expect((await register(aMemberRegistration({ mobile: registration.mobile }))).statusCode).toBe(
      201,
    );
  });

  it('when If-Match is missing, then 428 and nothing changes', async () => {
    const { memberId } = (await register(aMemberRegistration())).json<MemberBody>();

    const response = await patch(memberId, { name: '改名' }, {});

    expect(response.statusCode).toBe(428);
    expect(response.json()).toMatchObject({ code: 'IF_MATCH_REQUIRED', field: 'if-match' });
    expect((await get(memberId)).headers['etag']).toBe('"1"');
  });

  it('when If-Match names an older version, then 412 and nothing changes', async () => {
    const { memberId } = (await register(aMemberRegistration())).json<MemberBody>();
    await patch(memberId, { style: '复古' }, { 'if-match': '"1"' });

    const response = await patch(memberId, { name: '改名' }, { 'if-match': '"1"' });

    expect(response.statusCode).toBe(412);
    expect(response.json()).toMatchObject({ code: 'STALE_VERSION', field: 'if-match' });
    expect((await get(memberId)).json()).toMatchObject({ style: '复古' });
    expect((await get(memberId)).json()).not.toMatchObject({ name: '改名' });
  });

  it('when two clerks change the same version at once, then exactly one wins and the other gets 412', async () => {
    const { memberId } = (await register(aMemberRegistration())).json<MemberBody>();

    const responses = await Promise.all([
      patch(memberId, { style: '甲' }, { 'if-match': '"1"' }),
      patch(memberId, { style: '乙' }, { 'if-match': '"1"' }),
    ]);

    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 412]);
    const winner = responses.find((r) => r.statusCode === 200)?.json<{ style: string }>();
    expect((await get(memberId)).json()).toMatchObject({ style: winner?.style });
    expect(await eventsOf(memberId, 'member.updated')).toHaveLength(1);
  });

  it('when the new mobile is another member’s, then 409 names that member', async () => {
    const other = aMemberRegistration();
    const { memberId: otherId } = (await register(other)).json<MemberBody>();
    const { memberId } = (await register(aMemberRegistration())).json<MemberBody>();

    const response = await patch(memberId, { mobile: other.mobile }, { 'if-match': '"1"' });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ field: 'mobile', existingMemberId: otherId });
  });

  it.each([
    ['a wrong ID check character', { idNumber: withWrongCheck(anIdNumber()) }, 'idNumber'],
    ['a property the route does not know', { cardNumber: 'VIP1' }, 'cardNumber'],
    ['an empty body', {}, 'body'],
    ['a birthday in the future', { birthday: '2999-01-01' }, 'birthday'],
  ])('when the change has %s, then 400 names it and the version stays', async (_c, body, field) => {
    const { memberId } = (await register(aMemberRegistration())).json<MemberBody>();

    const response = await patch(memberId, body, { 'if-match': '"1"' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field });
    expect((await get(memberId)).headers['etag']).toBe('"1"');
  });

  it('when the member is unknown, then 404', async () => {
    const response = await patch(
      '01900000-0000-7000-8000-000000000000',
      { name: '某人' },
      { 'if-match': '"1"' },
    );
    expect(response.statusCode).toBe(404);
  });
});
