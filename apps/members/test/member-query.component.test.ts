import { randomUUID } from 'node:crypto';
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

beforeAll(async () => {
  const ns = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: ns.prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
});
afterAll(() => members?.close());

const aBrand = () => `brand-query-${randomUUID().slice(0, 8)}`;
const POS = 'associate';
const OFFICER = 'membership-officer';

interface Found {
  memberId: string;
  mobile: string;
  cardNumber: string;
  homeStoreId: string;
}
interface FoundPage {
  items: Found[];
  nextCursor: string | null;
}

const query = (brand: string, body: object, roles = POS) =>
  members.app.inject({
    method: 'POST',
    url: '/v1/members/query',
    headers: { ...identityHeaders({ brandId: brand, roles: roles.split(',') }) },
    payload: body,
  });

const idsOf = async (brand: string, body: object) =>
  (await query(brand, body)).json<FoundPage>().items.map((m) => m.memberId);

async function register(brand: string, overrides: Record<string, unknown>) {
  const registration = aMemberRegistration(overrides);
  const response = await members.app.inject({
    method: 'POST',
    url: '/v1/members',
    headers: identityHeaders({ brandId: brand }),
    payload: registration,
  });
  expect(response.statusCode).toBe(201);
  const member = response.json<Found>();
  return { ...member, clearMobile: registration.mobile };
}

describe('R1/R12: searching a brand’s members', () => {
  const brand = aBrand();
  const otherBrand = aBrand();
  let wang: Awaited<ReturnType<typeof register>>;
  let wangB: Awaited<ReturnType<typeof register>>;
  let li: Awaited<ReturnType<typeof register>>;

  beforeAll(async () => {
    wang = await register(brand, {
      name: '王小明',
      homeStoreId: 'SH-A',
      birthday: '1990-05-10',
      tags: ['婚庆', '高净值'],
      servingAssociateId: 'staff-007',
    });
    wangB = await register(brand, { name: '王大伟', homeStoreId: 'SH-B', birthday: '1985-05-20' });
    li = await register(brand, { name: '李%娜', homeStoreId: 'SH-A', birthday: '1992-10-01' });
    // Another brand: the same mobile and name, never visible to the first one.
    await register(otherBrand, { name: '王小明', mobile: wang.clearMobile, homeStoreId: 'SH-A' });
  });

  it('when a POS of store A looks up a mobile of a store B member, then it finds them, the mobile masked', async () => {
    const found = await query(brand, { mobile: wangB.clearMobile });
    expect(found.statusCode).toBe(200);
    const page = found.json<FoundPage>();
    expect(page.items).toMatchObject([{ memberId: wangB.memberId, homeStoreId: 'SH-B' }]);
    expect(page.items[0]?.mobile).not.toBe(wangB.clearMobile);
    expect(page.items[0]?.mobile).toContain('****');
    expect(page.nextCursor).toBeNull();
  });

  it('when a membership officer searches, then the mobile is shown in clear', async () => {
    const found = await query(brand, { mobile: wang.clearMobile }, OFFICER);
    expect(found.json<FoundPage>().items.map((m) => m.mobile)).toEqual([wang.clearMobile]);
  });

  it('when another brand searches the same mobile, name or card, then it sees only its own members', async () => {
    const other = await query(otherBrand, { mobile: wang.clearMobile });
    expect(other.json<FoundPage>().items.map((m) => m.memberId)).not.toContain(wang.memberId);
    expect(await idsOf(otherBrand, { cardNumber: wang.cardNumber })).toEqual([]);
    expect(await idsOf(otherBrand, { namePrefix: '王' })).not.toContain(wang.memberId);
    expect(await idsOf(aBrand(), {})).toEqual([]);
  });

  it('when searching by card, name prefix, tag, store, associate or birthday month, then each matches exactly', async () => {
    expect(await idsOf(brand, { cardNumber: wang.cardNumber })).toEqual([wang.memberId]);
    expect(await idsOf(brand, { namePrefix: '王' })).toEqual([wang.memberId, wangB.memberId]);
    expect(await idsOf(brand, { namePrefix: '王小' })).toEqual([wang.memberId]);
    expect(await idsOf(brand, { namePrefix: '李%' })).toEqual([li.memberId]);
    expect(await idsOf(brand, { namePrefix: '%' })).toEqual([]);
    expect(await idsOf(brand, { tag: '婚庆' })).toEqual([wang.memberId]);
    expect(await idsOf(brand, { homeStoreId: 'SH-A' })).toEqual([wang.memberId, li.memberId]);
    expect(await idsOf(brand, { servingAssociateId: 'staff-007' })).toEqual([wang.memberId]);
    expect(await idsOf(brand, { servingAssociateId: null })).toEqual([wangB.memberId, li.memberId]);
    expect(await idsOf(brand, { birthdayMonth: 5 })).toEqual([wang.memberId, wangB.memberId]);
    expect(await idsOf(brand, { namePrefix: '王', birthdayMonth: 5, homeStoreId: 'SH-B' })).toEqual(
      [wangB.memberId],
    );
  });

  it('when a reported card is searched, then it finds nobody (R3)', async () => {
    const reported = await members.app.inject({
      method: 'POST',
      url: `/v1/members/${li.memberId}/card/reports`,
      headers: identityHeaders({ brandId: brand }),
      payload: { reason: 'lost' },
    });
    expect(reported.statusCode).toBeLessThan(300);
    expect(await idsOf(brand, { cardNumber: li.cardNumber })).toEqual([]);
  });

  it('when the criteria are malformed, then 400 names the field', async () => {
    for (const [body, field] of [
      [{ birthdayMonth: 13 }, 'birthdayMonth'],
      [{ namePrefix: '   ' }, 'namePrefix'],
      [{ mobile: '12345' }, 'mobile'],
      [{ limit: 0 }, 'limit'],
      [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
      [{ idNumber: '11010519491231002X' }, 'idNumber'],
    ] as const) {
      const response = await query(brand, body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ field });
    }
  });
});

describe('member search pages', () => {
  it('when a store has 5 members and pages hold 2, then 3 pages list each once in registration order', async () => {
    const brand = aBrand();
    const registered: string[] = [];
    for (let i = 0; i < 5; i += 1)
      registered.push((await register(brand, { homeStoreId: 'SH-P' })).memberId);
    await register(brand, { homeStoreId: 'SH-Q' });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (
        await query(brand, { homeStoreId: 'SH-P', limit: 2, ...(cursor && { cursor }) })
      ).json<FoundPage>();
      seen.push(...page.items.map((m) => m.memberId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(registered);
  });
});
