import { Topics } from '@laoke/contracts';
import {
  TEST_PII_KEY,
  aTopicNamespace,
  eventually,
  findMessage,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as membersApp from '../src/app';
import type { MembersConfig } from '../src/config';
import { aFullRegistration, anIdNumber } from './member-builders';

/**
 * Personal data: no clear mobile, ID number, e-mail or address in any log line the service
 * writes nor in any event it publishes, whatever the route (register, update, refuse, search).
 */
let members: ServiceUnderTest;
let topic: (name: string) => string;
const logLines: string[] = [];
const BRAND = 'brand-personal-data';
const headers = identityHeaders({ brandId: BRAND, roles: ['membership-officer'] });

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  members = await startServiceUnderTest(
    membersApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'members',
      PII_ENCRYPTION_KEY: TEST_PII_KEY,
      LOG_LEVEL: 'trace' as MembersConfig['LOG_LEVEL'],
    },
    { logDestination: { write: (line: string) => void logLines.push(line) } },
  );
});
afterAll(() => members?.close());

const call = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object, extra = {}) =>
  members.app.inject({ method, url, headers: { ...headers, ...extra }, payload });

describe('personal data never leaves in clear through logs or Kafka', () => {
  it('when members are registered, imported, updated, refused and searched, then no log line and no event carries their mobile, ID number, e-mail or address', async () => {
    const first = aFullRegistration();
    const second = aFullRegistration({ referrer: { mobile: first.mobile } });
    const changed = aFullRegistration();
    const secrets = [first, second, changed].flatMap((r) => [r.mobile, r.idNumber, r.email]);
    secrets.push(first.address);

    const { memberId } = (await call('POST', '/v1/members', first)).json<{ memberId: string }>();
    expect((await call('POST', '/v1/members', second)).statusCode).toBe(201);
    // A refused duplicate and a refused bad ID number log their problem.
    expect((await call('POST', '/v1/members', { ...first, name: '冒名' })).statusCode).toBe(409);
    expect(
      (await call('POST', '/v1/members', { ...changed, idNumber: `${anIdNumber().slice(0, 17)}Y` }))
        .statusCode,
    ).toBe(400);
    const update = await call(
      'PATCH',
      `/v1/members/${memberId}`,
      { mobile: changed.mobile, email: changed.email, idNumber: changed.idNumber },
      { 'if-match': '"1"' },
    );
    expect(update.statusCode).toBe(200);
    expect((await call('POST', '/v1/members/search', { mobile: changed.mobile })).statusCode).toBe(
      200,
    );
    await call('POST', `/v1/members/${memberId}/card/reports`, { reason: 'lost' });
    expect(
      (
        await call(
          'POST',
          `/v1/members/${memberId}/card/replacements`,
          { idNumber: first.idNumber },
          { 'idempotency-key': 'pii-test-replacement-1' },
        )
      ).statusCode,
    ).toBe(422);

    // The bulk import and the member query carry the same personal data.
    const imported = aFullRegistration();
    secrets.push(imported.mobile, imported.idNumber, imported.email, imported.address);
    expect(
      (
        await call('POST', '/v1/stores', {
          code: imported.homeStoreId,
          name: '导入门店',
          ownership: 'head-office',
        })
      ).statusCode,
    ).toBe(201);
    const upload = await members.app.inject({
      method: 'POST',
      url: '/v1/member-imports',
      headers: { ...headers, 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(imported)}\n`,
    });
    expect(upload.statusCode).toBe(202);
    await eventually(async () =>
      expect(
        (
          await members.app.inject({
            url: `/v1/member-imports/${upload.json<{ id: string }>().id}`,
            headers,
          })
        ).json(),
      ).toMatchObject({ status: 'completed', counts: { imported: 1, failed: 0 } }),
    );
    const found = await call('POST', '/v1/members/query', { mobile: imported.mobile });
    expect(found.json<{ items: unknown[] }>().items).toHaveLength(1);

    // Every event of this service reached Kafka: read them all back.
    await eventually(async () =>
      expect(
        await members.context.db('outbox').whereNull('published_at').count('* as n').first(),
      ).toEqual({ n: '0' }),
    );
    const expected = Number(
      (
        await members.context
          .db('outbox')
          .where('topic', 'like', `%${Topics.membersEvents}`)
          .count('* as n')
          .first()
      )?.['n'],
    );
    const published: string[] = [];
    await findMessage(inject('kafkaBrokers'), topic(Topics.membersEvents), (event) => {
      published.push(JSON.stringify(event));
      return published.length >= expected;
    });

    expect(expected).toBeGreaterThanOrEqual(4);
    expect(logLines.length).toBeGreaterThan(10);
    for (const secret of secrets) {
      expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
      expect(published.filter((event) => event.includes(secret))).toEqual([]);
    }
  });
});
