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

const aBrand = () => `brand-assoc-${randomUUID().slice(0, 8)}`;

const call = (
  brand: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  members.app.inject({
    method,
    url,
    headers: { ...identityHeaders({ brandId: brand }), ...headers },
    ...(payload && { payload }),
  });

async function aStore(brand: string) {
  const code = `SH-${randomUUID().slice(0, 6)}`;
  const created = await call(brand, 'POST', '/v1/stores', {
    code,
    name: '南京东路店',
    ownership: 'head-office',
  });
  return { code, storeId: created.json<{ storeId: string }>().storeId };
}

async function hire(brand: string, storeId: string, role = 'associate'): Promise<string> {
  const hired = await call(brand, 'POST', '/v1/staff', {
    name: '李娜',
    role,
    storeId,
    mobile: '13912345678',
  });
  expect(hired.statusCode).toBe(201);
  return hired.json<{ staffId: string }>().staffId;
}

async function aMember(brand: string, storeCode: string): Promise<string> {
  const registered = await call(
    brand,
    'POST',
    '/v1/members',
    aMemberRegistration({ homeStoreId: storeCode }),
  );
  expect(registered.statusCode).toBe(201);
  return registered.json<{ memberId: string }>().memberId;
}

/** Sets the serving associate as a clerk would: read the ETag, send it back. */
async function assign(brand: string, memberId: string, associateId: string | null) {
  const read = await call(brand, 'GET', `/v1/members/${memberId}`);
  return call(
    brand,
    'PUT',
    `/v1/members/${memberId}/serving-associate`,
    { associateId },
    { 'if-match': String(read.headers['etag']) },
  );
}

async function membersServedBy(brand: string, n: number, storeCode: string, associateId: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const memberId = await aMember(brand, storeCode);
    expect((await assign(brand, memberId, associateId)).statusCode).toBe(200);
    ids.push(memberId);
  }
  return ids;
}

const servingOf = async (memberIds: string[]) =>
  Object.fromEntries(
    (
      await members.context
        .db('members')
        .whereIn('id', memberIds)
        .select('id', 'serving_associate_id')
    ).map((row: { id: string; serving_associate_id: string | null }) => [
      row.id,
      row.serving_associate_id,
    ]),
  );

interface ReassignedEvent {
  memberId: string;
  payload: { data: Record<string, unknown> };
}
const reassignedEvents = async (memberIds: string[]): Promise<ReassignedEvent[]> =>
  (
    await members.context
      .db('outbox')
      .where({ event_type: 'member.associate-reassigned' })
      .whereRaw("payload->'data'->>'memberId' = any(?)", [memberIds])
      .select('payload')
  ).map((row: { payload: ReassignedEvent['payload'] }) => ({
    memberId: row.payload.data['memberId'] as string,
    payload: row.payload,
  }));

const departureEvents = async (memberIds: string[]) =>
  (await reassignedEvents(memberIds)).filter((e) => e.payload.data['reason'] === 'staff-left');

describe('R2: a person assigns the serving associate', () => {
  it('when a clerk assigns an active associate, then the member is served by them, the ETag moves and one event is emitted', async () => {
    const brand = aBrand();
    const { code, storeId } = await aStore(brand);
    const associateId = await hire(brand, storeId);
    const memberId = await aMember(brand, code);

    const assigned = await assign(brand, memberId, associateId);

    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ memberId, servingAssociateId: associateId });
    expect(assigned.headers['etag']).toBe('"2"');
    const again = await assign(brand, memberId, associateId);
    expect(again.headers['etag']).toBe('"2"');
    const events = await reassignedEvents([memberId]);
    expect(events.map((e) => e.payload.data)).toEqual([
      expect.objectContaining({
        memberId,
        storeId: code,
        previousAssociateId: null,
        associateId,
        reason: 'changed',
      }),
    ]);
  });

  it('R2: when the associate is of another brand, has left or is not a serving role, then 422 names associateId and nothing changes', async () => {
    const brand = aBrand();
    const other = aBrand();
    const { code, storeId } = await aStore(brand);
    const foreign = await hire(other, (await aStore(other)).storeId);
    const leaver = await hire(brand, storeId);
    await call(brand, 'POST', `/v1/staff/${leaver}/leave`);
    const officer = await hire(brand, storeId, 'membership-officer');
    const memberId = await aMember(brand, code);

    for (const [associateId, code_] of [
      [foreign, 'UNKNOWN_ASSOCIATE'],
      [leaver, 'ASSOCIATE_HAS_LEFT'],
      [officer, 'NOT_AN_ASSOCIATE'],
    ] as const) {
      const refused = await assign(brand, memberId, associateId);
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: code_, field: 'associateId' });
    }
    const malformed = await assign(brand, memberId, 'not an id');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'associateId' });

    expect(await servingOf([memberId])).toEqual({ [memberId]: null });
    expect(await reassignedEvents([memberId])).toHaveLength(0);
  });

  it('when If-Match is missing or stale, or the member unknown, then 428, 412 and 404', async () => {
    const brand = aBrand();
    const { code, storeId } = await aStore(brand);
    const associateId = await hire(brand, storeId);
    const memberId = await aMember(brand, code);
    const url = `/v1/members/${memberId}/serving-associate`;

    expect((await call(brand, 'PUT', url, { associateId })).statusCode).toBe(428);
    const stale = await call(brand, 'PUT', url, { associateId }, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    const unknown = await call(
      brand,
      'PUT',
      `/v1/members/${randomUUID()}/serving-associate`,
      { associateId },
      { 'if-match': '"1"' },
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'MEMBER_NOT_FOUND' });
  });
});

describe('R2: when an associate leaves, their members are reassigned in the same transaction', () => {
  it('R2: 5 members go to the least-loaded remaining associates of the store, one event each', async () => {
    const brand = aBrand();
    const { code, storeId } = await aStore(brand);
    const leaver = await hire(brand, storeId);
    const busy = await hire(brand, storeId);
    const light = await hire(brand, storeId);
    await hire(brand, storeId, 'store-manager');
    const otherStoreAssociate = await hire(brand, (await aStore(brand)).storeId);
    await membersServedBy(brand, 3, code, busy);
    await membersServedBy(brand, 1, code, light);
    const served = await membersServedBy(brand, 5, code, leaver);

    const left = await call(brand, 'POST', `/v1/staff/${leaver}/leave`);

    expect(left.statusCode).toBe(200);
    const after = await servingOf(served);
    // Loads light 1, busy 3: light takes two (2, 3), then each tie goes to the lower staff id.
    const [low, high] = [light, busy].sort();
    expect(served.map((id) => after[id])).toEqual([light, light, low, high, low]);
    expect(Object.values(after)).not.toContain(otherStoreAssociate);

    const events = await departureEvents(served);
    expect(events).toHaveLength(5);
    expect(new Set(events.map((e) => e.memberId))).toEqual(new Set(served));
    for (const event of events)
      expect(event.payload.data).toMatchObject({
        previousAssociateId: leaver,
        associateId: after[event.memberId],
        storeId: code,
      });

    const again = await call(brand, 'POST', `/v1/staff/${leaver}/leave`);
    expect(again.statusCode).toBe(200);
    expect(await departureEvents(served)).toHaveLength(5);
  });

  it('R2: when no associate is left in the store, then the store manager takes the members', async () => {
    const brand = aBrand();
    const { code, storeId } = await aStore(brand);
    const leaver = await hire(brand, storeId);
    const manager = await hire(brand, storeId, 'store-manager');
    const served = await membersServedBy(brand, 2, code, leaver);

    await call(brand, 'POST', `/v1/staff/${leaver}/leave`);

    expect(await servingOf(served)).toEqual(Object.fromEntries(served.map((id) => [id, manager])));
    expect(await departureEvents(served)).toHaveLength(2);
  });

  it('R2: when the store has nobody left to serve, then the members are unassigned and listed for head office', async () => {
    const brand = aBrand();
    const { code, storeId } = await aStore(brand);
    const leaver = await hire(brand, storeId);
    await hire(brand, storeId, 'membership-officer');
    const served = await membersServedBy(brand, 2, code, leaver);

    await call(brand, 'POST', `/v1/staff/${leaver}/leave`);

    expect(await servingOf(served)).toEqual(Object.fromEntries(served.map((id) => [id, null])));
    const events = await departureEvents(served);
    expect(events.map((e) => e.payload.data['associateId'])).toEqual([null, null]);
    const unassigned = await call(brand, 'POST', '/v1/members/query', {
      servingAssociateId: null,
    });
    expect(
      unassigned.json<{ items: { memberId: string }[] }>().items.map((m) => m.memberId),
    ).toEqual(expect.arrayContaining(served));
  });

  it('R2: when two associates leave at once, then nobody is handed to a leaver and the survivor takes all', async () => {
    const brand = aBrand();
    const { code, storeId } = await aStore(brand);
    const first = await hire(brand, storeId);
    const second = await hire(brand, storeId);
    const survivor = await hire(brand, storeId);
    const served = [
      ...(await membersServedBy(brand, 3, code, first)),
      ...(await membersServedBy(brand, 3, code, second)),
    ];

    const responses = await Promise.all([
      call(brand, 'POST', `/v1/staff/${first}/leave`),
      call(brand, 'POST', `/v1/staff/${second}/leave`),
    ]);

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(await servingOf(served)).toEqual(Object.fromEntries(served.map((id) => [id, survivor])));
    // Each member moved once from its own leaver; a member first handed to the other leaver
    // would have moved twice.
    const events = await departureEvents(served);
    const perMember = new Map<string, number>();
    for (const e of events) perMember.set(e.memberId, (perMember.get(e.memberId) ?? 0) + 1);
    expect([...perMember.values()].every((n) => n === 1)).toBe(true);
    expect(events).toHaveLength(6);
  });

  it('R2: when departures race an assignment to the leaver, then no member stays with someone who left', async () => {
    const brand = aBrand();
    const { code, storeId } = await aStore(brand);
    const leaver = await hire(brand, storeId);
    const survivor = await hire(brand, storeId);
    const memberId = await aMember(brand, code);
    const etag = String((await call(brand, 'GET', `/v1/members/${memberId}`)).headers['etag']);

    const [assigned] = await Promise.all([
      call(
        brand,
        'PUT',
        `/v1/members/${memberId}/serving-associate`,
        { associateId: leaver },
        { 'if-match': etag },
      ),
      call(brand, 'POST', `/v1/staff/${leaver}/leave`),
    ]);

    expect([200, 422]).toContain(assigned.statusCode);
    expect(await servingOf([memberId])).toEqual({
      [memberId]: assigned.statusCode === 200 ? survivor : null,
    });
  });
});
