import { randomUUID } from 'node:crypto';
import {
  TEST_PII_KEY,
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

/** Each test works in a brand of its own. */
const aBrand = () => `brand-org-${randomUUID().slice(0, 8)}`;

const call = (brand: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  members.app.inject({
    method,
    url,
    headers: identityHeaders({ brandId: brand }),
    ...(payload && { payload }),
  });

const aStore = (overrides: Record<string, unknown> = {}) => ({
  code: `SH-${randomUUID().slice(0, 6)}`,
  name: '南京东路店',
  ownership: 'head-office',
  address: '上海市黄浦区南京东路 100 号',
  ...overrides,
});

const outboxOf = (type: string) =>
  members.context.db('outbox').where({ event_type: type }).select('payload');

describe('R12: brand settings', () => {
  it('when head office sets up its brand, then it reads it back and brand.updated is emitted', async () => {
    const brand = aBrand();
    const put = await call(brand, 'PUT', '/v1/brand', {
      name: '金缘珠宝',
      timeZone: 'Asia/Shanghai',
      smsSignature: '【金缘珠宝】',
      programmeSettings: { pointsPer10Yuan: 1, tiers: ['vip', 'gold'] },
    });
    expect(put.statusCode).toBe(201);

    const again = await call(brand, 'PUT', '/v1/brand', {
      name: '金缘珠宝',
      smsSignature: '【金缘】',
    });
    expect(again.statusCode).toBe(200);

    const got = await call(brand, 'GET', '/v1/brand');
    expect(got.json()).toMatchObject({
      brandId: brand,
      timeZone: 'Asia/Shanghai',
      defaultLocale: 'zh-CN',
      smsSignature: '【金缘】',
      programmeSettings: { pointsPer10Yuan: 1, tiers: ['vip', 'gold'] },
      sandbox: false,
    });
    const events = (await outboxOf('brand.updated')).filter(
      (row: { payload: { brandId: string } }) => row.payload.brandId === brand,
    );
    expect(events).toHaveLength(2);
  });

  it('when a brand was never set up, then GET is 404', async () => {
    const response = await call(aBrand(), 'GET', '/v1/brand');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'BRAND_NOT_FOUND' });
  });

  it('when the time zone is unknown or a field is missing, then 400 names it and nothing is written', async () => {
    const brand = aBrand();
    const zone = await call(brand, 'PUT', '/v1/brand', {
      name: 'X',
      smsSignature: '【X】',
      timeZone: 'Mars/Olympus',
    });
    expect(zone.statusCode).toBe(400);
    expect(zone.json()).toMatchObject({ code: 'UNKNOWN_TIME_ZONE', field: 'timeZone' });

    const missing = await call(brand, 'PUT', '/v1/brand', { name: 'X' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'smsSignature' });

    const nul = await call(brand, 'PUT', '/v1/brand', {
      name: 'X',
      smsSignature: '【X】',
      programmeSettings: { note: 'a\u0000b' },
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ field: 'programmeSettings' });

    expect(await members.context.db('brands').where({ id: brand })).toHaveLength(0);
  });

  it('when a brand set up as real tries to become a sandbox, then 422 names sandbox', async () => {
    const brand = aBrand();
    await call(brand, 'PUT', '/v1/brand', { name: 'X', smsSignature: '【X】' });
    const response = await call(brand, 'PUT', '/v1/brand', {
      name: 'X',
      smsSignature: '【X】',
      sandbox: true,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'SANDBOX_IS_FIXED', field: 'sandbox' });
  });
});

describe('R12: regions and franchisees', () => {
  it('when a region is created and renamed, then the list shows it once, paged by cursor', async () => {
    const brand = aBrand();
    const east = (await call(brand, 'POST', '/v1/regions', { name: '华东区' })).json<{
      regionId: string;
    }>();
    await call(brand, 'POST', '/v1/regions', { name: '华南区' });
    await call(brand, 'POST', '/v1/regions', { name: '华北区' });
    const renamed = await call(brand, 'PUT', `/v1/regions/${east.regionId}`, { name: '华东大区' });
    expect(renamed.json()).toMatchObject({ regionId: east.regionId, name: '华东大区' });

    const first = (await call(brand, 'GET', '/v1/regions?limit=2')).json<{
      items: { name: string }[];
      nextCursor: string;
    }>();
    const second = (
      await call(brand, 'GET', `/v1/regions?limit=2&cursor=${first.nextCursor}`)
    ).json<{ items: { name: string }[]; nextCursor: string | null }>();
    expect([...first.items, ...second.items].map((r) => r.name)).toEqual([
      '华东大区',
      '华南区',
      '华北区',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('when a second franchisee takes a name in use, then 409 names the existing one', async () => {
    const brand = aBrand();
    const first = (await call(brand, 'POST', '/v1/franchisees', { name: '苏州金辉' })).json<{
      franchiseeId: string;
    }>();
    const response = await call(brand, 'POST', '/v1/franchisees', { name: '苏州金辉' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'FRANCHISEE_NAME_TAKEN',
      existingFranchiseeId: first.franchiseeId,
    });
  });
});

describe('R12: stores', () => {
  it('when a franchised store opens, then it names its franchisee and region and store.upserted is emitted', async () => {
    const brand = aBrand();
    const { regionId } = (await call(brand, 'POST', '/v1/regions', { name: '华东区' })).json<{
      regionId: string;
    }>();
    const { franchiseeId } = (
      await call(brand, 'POST', '/v1/franchisees', { name: '苏州金辉' })
    ).json<{ franchiseeId: string }>();

    const response = await call(
      brand,
      'POST',
      '/v1/stores',
      aStore({ ownership: 'franchised', franchiseeId, regionId, timeZone: 'Asia/Shanghai' }),
    );

    expect(response.statusCode).toBe(201);
    const store = response.json<{ storeId: string }>();
    expect(store).toMatchObject({ franchiseeId, regionId, status: 'open' });
    const [event] = await members.context
      .db('outbox')
      .where({ event_type: 'store.upserted' })
      .whereRaw("payload->>'storeId' = ?", [store.storeId]);
    expect(event.payload.data).toMatchObject({ storeId: store.storeId, franchiseeId });
    expect(event.topic).toBe('organisation.events');
  });

  it('when a store code is already used in the brand, then 409 names the store holding it', async () => {
    const brand = aBrand();
    const body = aStore();
    const first = (await call(brand, 'POST', '/v1/stores', body)).json<{ storeId: string }>();

    const response = await call(brand, 'POST', '/v1/stores', { ...body, name: '另一家' });

    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'STORE_CODE_TAKEN',
      field: 'code',
      existingStoreId: first.storeId,
    });
    // Another brand may use the same code.
    expect((await call(aBrand(), 'POST', '/v1/stores', body)).statusCode).toBe(201);
  });

  it("when brand B asks for brand A's store, then it does not exist for B", async () => {
    const brandA = aBrand();
    const brandB = aBrand();
    const { storeId } = (await call(brandA, 'POST', '/v1/stores', aStore())).json<{
      storeId: string;
    }>();

    expect((await call(brandB, 'GET', `/v1/stores/${storeId}`)).statusCode).toBe(404);
    expect((await call(brandB, 'PUT', `/v1/stores/${storeId}`, aStore())).statusCode).toBe(404);
    const list = (await call(brandB, 'GET', '/v1/stores')).json<{ items: unknown[] }>();
    expect(list.items).toEqual([]);
    expect((await call(brandA, 'GET', `/v1/stores/${storeId}`)).statusCode).toBe(200);
  });

  it('when the input breaks the rules, then 4xx names the field and nothing is written', async () => {
    const brand = aBrand();
    const cases: [object, number, string][] = [
      [aStore({ ownership: 'franchised' }), 400, 'franchiseeId'],
      [aStore({ franchiseeId: randomUUID() }), 400, 'franchiseeId'],
      [aStore({ regionId: randomUUID() }), 422, 'regionId'],
      [aStore({ code: 'has space' }), 400, 'code'],
      [aStore({ status: 'demolished' }), 400, 'status'],
      [aStore({ timeZone: 'Nowhere/Land' }), 400, 'timeZone'],
      [aStore({ name: '   ' }), 400, 'name'],
      [{ ...aStore(), extra: 1 }, 400, 'extra'],
    ];
    for (const [body, status, field] of cases) {
      const response = await call(brand, 'POST', '/v1/stores', body);
      expect({
        status: response.statusCode,
        field: response.json<{ field: string }>().field,
      }).toEqual({ status, field });
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await members.context.db('stores').where({ brand_id: brand })).toHaveLength(0);
  });

  it('when a store is closed, then no staff can be placed in it', async () => {
    const brand = aBrand();
    const body = aStore();
    const { storeId } = (await call(brand, 'POST', '/v1/stores', body)).json<{ storeId: string }>();
    await call(brand, 'PUT', `/v1/stores/${storeId}`, { ...body, status: 'closed' });

    const response = await call(brand, 'POST', '/v1/staff', {
      name: '李娜',
      role: 'associate',
      storeId,
      mobile: '13912345678',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'STORE_CLOSED', field: 'storeId' });
  });
});

describe('R12/R2: staff', () => {
  async function aStoreWithStaff(brand: string) {
    const { storeId } = (await call(brand, 'POST', '/v1/stores', aStore())).json<{
      storeId: string;
    }>();
    const hired = await call(brand, 'POST', '/v1/staff', {
      name: '李娜',
      role: 'associate',
      storeId,
      mobile: '13912345678',
    });
    return { storeId, hired };
  }

  it('when an associate is hired, then the mobile is masked in answers and encrypted at rest and in events', async () => {
    const brand = aBrand();
    const { hired } = await aStoreWithStaff(brand);
    expect(hired.statusCode).toBe(201);
    const staff = hired.json<{ staffId: string }>();
    expect(staff).toMatchObject({ role: 'associate', status: 'active', mobile: '139****5678' });

    const row = await members.context.db('staff').where({ id: staff.staffId }).first();
    expect(JSON.stringify(row)).not.toContain('13912345678');
    const events = await members.context
      .db('outbox')
      .where({ event_type: 'staff.upserted' })
      .whereRaw("payload->'data'->>'staffId' = ?", [staff.staffId]);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0].payload)).not.toContain('13912345678');
  });

  it('when a store role has no store, or a region manager no region, then 400 names it', async () => {
    const brand = aBrand();
    const noStore = await call(brand, 'POST', '/v1/staff', {
      name: '王强',
      role: 'store-manager',
      mobile: '13912345678',
    });
    expect(noStore.json()).toMatchObject({ code: 'STORE_REQUIRED', field: 'storeId' });
    const noRegion = await call(brand, 'POST', '/v1/staff', {
      name: '王强',
      role: 'region-manager',
      mobile: '13912345678',
    });
    expect(noRegion.json()).toMatchObject({ code: 'REGION_REQUIRED', field: 'regionId' });
    const badRole = await call(brand, 'POST', '/v1/staff', {
      name: '王强',
      role: 'janitor',
      mobile: '13912345678',
    });
    expect(badRole.json()).toMatchObject({ field: 'role' });
    const badMobile = await call(brand, 'POST', '/v1/staff', {
      name: '王强',
      role: 'brand-admin',
      mobile: '12345',
    });
    expect(badMobile.json()).toMatchObject({ field: 'mobile' });
    expect(await members.context.db('staff').where({ brand_id: brand })).toHaveLength(0);
  });

  it('R2: when an associate leaves, then staff.left is emitted once, also when asked twice', async () => {
    const brand = aBrand();
    const { storeId, hired } = await aStoreWithStaff(brand);
    const { staffId } = hired.json<{ staffId: string }>();

    const [first, second] = [
      await call(brand, 'POST', `/v1/staff/${staffId}/leave`),
      await call(brand, 'POST', `/v1/staff/${staffId}/leave`),
    ];

    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'left', leftAt: expect.any(String) });
    expect(second.json()).toEqual(first.json());
    const left = await members.context
      .db('outbox')
      .where({ event_type: 'staff.left' })
      .whereRaw("payload->'data'->>'staffId' = ?", [staffId]);
    expect(left).toHaveLength(1);
    expect(left[0].payload.data).toMatchObject({
      staffId,
      storeId,
      leftAt: first.json<{ leftAt: string }>().leftAt,
    });
    const update = await call(brand, 'PUT', `/v1/staff/${staffId}`, {
      name: '李娜',
      role: 'associate',
      storeId,
    });
    expect(update.statusCode).toBe(422);
    expect(update.json()).toMatchObject({ code: 'STAFF_HAS_LEFT' });
  });

  it('when two leave requests race, then staff.left is still emitted once', async () => {
    const brand = aBrand();
    const { hired } = await aStoreWithStaff(brand);
    const { staffId } = hired.json<{ staffId: string }>();

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => call(brand, 'POST', `/v1/staff/${staffId}/leave`)),
    );

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const left = await members.context
      .db('outbox')
      .where({ event_type: 'staff.left' })
      .whereRaw("payload->'data'->>'staffId' = ?", [staffId]);
    expect(left).toHaveLength(1);
  });

  it("when brand B lists staff or lets brand A's associate go, then it sees nothing of A", async () => {
    const brandA = aBrand();
    const { hired } = await aStoreWithStaff(brandA);
    const { staffId } = hired.json<{ staffId: string }>();
    const brandB = aBrand();

    expect((await call(brandB, 'POST', `/v1/staff/${staffId}/leave`)).statusCode).toBe(404);
    expect((await call(brandB, 'GET', '/v1/staff')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await call(brandA, 'GET', `/v1/staff/${staffId}`)).json()).toMatchObject({
      status: 'active',
    });
  });

  it('when staff are listed by store and role, then only those match', async () => {
    const brand = aBrand();
    const { storeId } = await aStoreWithStaff(brand);
    await call(brand, 'POST', '/v1/staff', {
      name: '赵敏',
      role: 'store-manager',
      storeId,
      mobile: '13712345678',
    });
    await call(brand, 'POST', '/v1/staff', {
      name: '总部',
      role: 'brand-admin',
      mobile: '13612345678',
    });

    const managers = (
      await call(brand, 'GET', `/v1/staff?storeId=${storeId}&role=store-manager`)
    ).json<{ items: { name: string }[] }>();
    expect(managers.items.map((s) => s.name)).toEqual(['赵敏']);
    const bad = await call(brand, 'GET', '/v1/staff?role=boss');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'role' });
  });
});
