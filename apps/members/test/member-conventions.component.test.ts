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

let members: ServiceUnderTest;
const BRAND = 'brand-members-conventions';
const headers = identityHeaders({ brandId: BRAND });

beforeAll(async () => {
  const { prefix } = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
});
afterAll(() => members?.close());

const register = (body: object) =>
  members.app.inject({ method: 'POST', url: '/v1/members', headers, payload: body });
const search = (body: object) =>
  members.app.inject({ method: 'POST', url: '/v1/members/search', headers, payload: body });
const countWithName = async (name: string) =>
  Number((await members.context.db('members').where({ name }).count('* as n').first())?.['n']);

describe('conflicts let the store go on', () => {
  it('when another person registers with a mobile in use, then 409 names the member who has it', async () => {
    const registration = aMemberRegistration();
    const { memberId } = (await register(registration)).json<{ memberId: string }>();

    const response = await register({ ...registration, name: '另一个人' });

    expect(response.statusCode).toBe(409);
    expect(response.headers['location']).toBe(`/v1/members/${memberId}`);
    expect(response.json()).toMatchObject({
      code: 'MEMBER_ALREADY_REGISTERED',
      field: 'mobile',
      existingMemberId: memberId,
      existing: `/v1/members/${memberId}`,
    });
    expect(response.body).not.toContain(registration.mobile);
  });
});

describe('looking a member up without personal data in the URL', () => {
  it('when a store searches by mobile or by card number, then it gets the member', async () => {
    const registration = aMemberRegistration();
    const member = (await register(registration)).json<{ memberId: string; cardNumber: string }>();

    const byMobile = await search({ mobile: registration.mobile });
    const byCard = await search({ cardNumber: member.cardNumber });

    expect(byMobile.statusCode).toBe(200);
    expect(byMobile.json()).toMatchObject({ memberId: member.memberId });
    expect(byCard.json()).toMatchObject({ memberId: member.memberId });
  });

  it('when no member has the mobile, then 404 does not repeat it', async () => {
    const { mobile } = aMemberRegistration();
    const response = await search({ mobile });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).not.toContain(mobile);
  });

  it('when both or neither key is given, then 400 says which to give', async () => {
    const both = await search({ mobile: aMemberRegistration().mobile, cardNumber: 'VIP1' });
    const neither = await search({});
    expect([both.statusCode, neither.statusCode]).toEqual([400, 400]);
    expect(neither.json()).toMatchObject({ code: 'ONE_LOOKUP_KEY', field: 'mobile' });
  });
});

describe('bad input is a 400 naming every field, and nothing is written', () => {
  it.each([
    ['a NUL in the name', { name: '张\u0000美玲' }, 'name'],
    ['a lone surrogate in the name', { name: '张\ud800' }, 'name'],
    ['a name of blanks', { name: '   ' }, 'name'],
    ['an over-long name', { name: '张'.repeat(51) }, 'name'],
    ['a NUL in the store id', { homeStoreId: 'SH\u0000' }, 'homeStoreId'],
    ['a blank store id', { homeStoreId: ' ' }, 'homeStoreId'],
    ['an over-long store id', { homeStoreId: 'S'.repeat(65) }, 'homeStoreId'],
    ['a NUL in the mobile', { mobile: '1391234567\u0000' }, 'mobile'],
    ['a birthday of 0000-01-01', { birthday: '0000-01-01' }, 'birthday'],
    ['a birthday in the future', { birthday: '2999-01-01' }, 'birthday'],
  ])('POST /v1/members with %s', async (_case, override, field) => {
    const marker = `马-${Math.random().toString(36).slice(2, 8)}`;
    const response = await register(aMemberRegistration({ name: marker, ...override }));

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field, errors: [expect.objectContaining({ field })] });
    expect(await countWithName(marker)).toBe(0);
  });

  it('when two fields are wrong, then both are listed', async () => {
    const response = await register(aMemberRegistration({ name: '', mobile: '123' }));
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'name',
      'mobile',
    ]);
  });

  it('when a property is not one of the route, then the message names it in words', async () => {
    const response = await register(aMemberRegistration({ passportNumber: 'E12345678' }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      errors: [{ field: 'passportNumber', message: 'passportNumber is not an accepted property' }],
    });
    expect(response.body).not.toContain('E12345678');
  });

  it('when the member id in the path is a urn:uuid, then 400 names memberId', async () => {
    const response = await members.app.inject({
      url: '/v1/members/urn:uuid:01900000-0000-7000-8000-000000000000',
      headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'memberId' });
  });

  it('when the member id in the path is unknown, then 404', async () => {
    const response = await members.app.inject({
      url: '/v1/members/01900000-0000-7000-8000-000000000000',
      headers,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'MEMBER_NOT_FOUND', field: 'memberId' });
  });

  it('when the JSON nests 5,000 levels deep, then 400 names the body', async () => {
    const response = await members.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'BODY_TOO_DEEP', field: 'body' });
  });

  it('when the body is 2 MB, then 413', async () => {
    const response = await register(aMemberRegistration({ name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
