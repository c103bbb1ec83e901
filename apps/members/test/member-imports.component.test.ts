import { randomUUID } from 'node:crypto';
import {
  TEST_PII_KEY,
  aMemberRegistration,
  aTopicNamespace,
  eventually,
  startServiceUnderTest,
  type ServiceUnderTest,
  identityHeaders,
} from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as membersApp from '../src/app';
import { anIdNumber, withWrongCheck } from './member-builders';

let members: ServiceUnderTest;

beforeAll(async () => {
  const { prefix } = await aTopicNamespace();
  members = await startServiceUnderTest(membersApp, {
    KAFKA_TOPIC_PREFIX: prefix,
    SERVICE_NAME: 'members',
    PII_ENCRYPTION_KEY: TEST_PII_KEY,
  });
});
afterAll(() => members?.close());

interface ImportJob {
  id: string;
  status: string;
  counts: { total: number; imported: number; updated: number; failed: number };
}

/** A brand of its own with the stores SH-001 and SH-002, so tests never see each other's rows. */
async function aBrandWithStores(): Promise<string> {
  const brand = `brand-import-${randomUUID().slice(0, 8)}`;
  for (const code of ['SH-001', 'SH-002']) {
    const response = await members.app.inject({
      method: 'POST',
      url: '/v1/stores',
      headers: identityHeaders({ brandId: brand }),
      payload: { code, name: `门店 ${code}`, ownership: 'head-office' },
    });
    expect(response.statusCode).toBe(201);
  }
  return brand;
}

const upload = (brand: string, body: string, contentType: string) =>
  members.app.inject({
    method: 'POST',
    url: '/v1/member-imports',
    headers: { ...identityHeaders({ brandId: brand }), 'content-type': contentType },
    payload: body,
  });

const get = (brand: string, url: string, roles?: string) =>
  members.app.inject({
    url,
    headers: identityHeaders({ brandId: brand, ...(roles && { roles: roles.split(',') }) }),
  });

async function importCompleted(brand: string, body: string, contentType = 'text/csv') {
  const accepted = await upload(brand, body, contentType);
  expect(accepted.statusCode).toBe(202);
  const { id } = accepted.json<ImportJob>();
  return eventually(async () => {
    const job = (await get(brand, `/v1/member-imports/${id}`)).json<ImportJob>();
    expect(job.status).toBe('completed');
    return job;
  });
}

async function allErrors(brand: string, importId: string) {
  const errors: { rowNumber: number; field: string; code: string }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${cursor}` : '?limit=100';
    const page = (await get(brand, `/v1/member-imports/${importId}/errors${query}`)).json<{
      items: typeof errors;
      nextCursor: string | null;
    }>();
    errors.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return errors;
}

const HEADER = 'name,mobile,birthday,homeStoreId,idNumber,tags';
const csvRow = (r: { name: string; mobile: string; idNumber?: string; store?: string }) =>
  `${r.name},${r.mobile},1990-01-02,${r.store ?? 'SH-001'},${r.idNumber ?? ''},婚庆|高净值`;

const countMembers = async (brand: string) =>
  (await members.context.db('members').where({ brand_id: brand }).count('* as n'))[0]?.n;

describe('issue 6 item 10: bulk member import', () => {
  it('R1: when 1% of 2,100 CSV rows are bad, then the rest are imported and each bad row is reported by row number and field', async () => {
    const brand = await aBrandWithStores();
    const bad = new Map<number, string>();
    const lines = Array.from({ length: 2_100 }, (_, i) => {
      const rowNumber = i + 1;
      const row = {
        name: `会员${rowNumber}`,
        mobile: aMemberRegistration().mobile,
        idNumber: anIdNumber(),
      };
      if (rowNumber % 100 !== 0) return csvRow(row);
      const field = rowNumber % 200 === 0 ? 'idNumber' : 'mobile';
      bad.set(rowNumber, field);
      return field === 'mobile'
        ? csvRow({ ...row, mobile: '1234' })
        : csvRow({ ...row, idNumber: withWrongCheck(row.idNumber) });
    });

    const job = await importCompleted(brand, [HEADER, ...lines].join('\n'));

    expect(job.counts).toEqual({ total: 2_100, imported: 2_079, updated: 0, failed: 21 });
    const errors = await allErrors(brand, job.id);
    expect(errors.map((e) => [e.rowNumber, e.field])).toEqual([...bad.entries()]);
    expect(await countMembers(brand)).toBe('2079');
    const registered = await members.context
      .db('outbox')
      .where({ event_type: 'member.registered' })
      .whereRaw("payload->>'brandId' = ?", [brand])
      .count('* as n');
    expect(registered[0]?.n).toBe('2079');
    // The staged rows carried personal data: none is kept once imported.
    const staged = await members.context
      .db('member_import_chunks')
      .where({ import_id: job.id })
      .whereNotNull('rows_encrypted');
    expect(staged).toEqual([]);
  });

  it('R1/R7: when the same file is imported twice, then the second run updates every member, duplicates none and keeps their referral codes', async () => {
    const brand = await aBrandWithStores();
    const file = [
      HEADER,
      ...Array.from({ length: 30 }, (_, i) =>
        csvRow({ name: `会员${i}`, mobile: aMemberRegistration().mobile }),
      ),
    ].join('\r\n');

    const codes = () =>
      members.context
        .db<{ id: string; brand_id: string; referral_code: string }>('members')
        .where({ brand_id: brand })
        .orderBy('id')
        .select('id', 'referral_code');
    // Registration announces the members' tags with a member.updated too: count the second run's.
    const updates = async () =>
      Number(
        (
          await members.context
            .db('outbox')
            .where({ event_type: 'member.updated' })
            .whereRaw("payload->>'brandId' = ?", [brand])
            .count('* as n')
        )[0]?.n,
      );
    const first = await importCompleted(brand, file);
    const codesAfterFirst = await codes();
    const updatesAfterFirst = await updates();
    const second = await importCompleted(brand, file);

    expect(first.counts).toEqual({ total: 30, imported: 30, updated: 0, failed: 0 });
    expect(second.counts).toEqual({ total: 30, imported: 0, updated: 30, failed: 0 });
    expect(await countMembers(brand)).toBe('30');
    expect((await updates()) - updatesAfterFirst).toBe(30);
    for (const { referral_code } of codesAfterFirst)
      expect(referral_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(new Set(codesAfterFirst.map((row) => row.referral_code)).size).toBe(30);
    expect(await codes()).toEqual(codesAfterFirst);
  });

  it('R1: when members come as NDJSON, then each line is a registration and a line that is not JSON is reported as the row', async () => {
    const brand = await aBrandWithStores();
    const good = aMemberRegistration({
      tags: ['婚庆'],
      importantDates: [{ label: '结婚纪念日', date: '2015-05-20' }],
    });
    const file = [
      JSON.stringify(good),
      '{"name": "半行',
      '',
      JSON.stringify(aMemberRegistration({ passportNumber: 'E123' })),
    ].join('\n');

    const job = await importCompleted(brand, file, 'application/x-ndjson');

    expect(job.counts).toEqual({ total: 3, imported: 1, updated: 0, failed: 2 });
    expect(await allErrors(brand, job.id)).toMatchObject([
      { rowNumber: 2, field: 'row', code: 'MALFORMED_JSON' },
      { rowNumber: 4, field: 'passportNumber', code: 'NOT_ACCEPTED' },
    ]);
    const member = await members.context.db('members').where({ brand_id: brand }).first();
    expect(member).toMatchObject({
      name: good.name,
      tags: ['婚庆'],
      important_dates: [{ label: '结婚纪念日', date: '2015-05-20' }],
    });
    expect(JSON.stringify(member)).not.toContain(good.mobile);
  });

  it('R12: when a row names a store the brand does not have, then that row is refused naming homeStoreId', async () => {
    const brand = await aBrandWithStores();
    const file = [
      HEADER,
      csvRow({ name: '甲', mobile: aMemberRegistration().mobile, store: 'NOPE-9' }),
      csvRow({ name: '乙', mobile: aMemberRegistration().mobile, store: 'SH-002' }),
    ].join('\n');

    const job = await importCompleted(brand, file);

    expect(job.counts).toMatchObject({ imported: 1, failed: 1 });
    expect(await allErrors(brand, job.id)).toMatchObject([
      { rowNumber: 1, field: 'homeStoreId', code: 'UNKNOWN_STORE' },
    ]);
  });

  it('when the body is JSON or plain text, then 415 problem+json and nothing is written', async () => {
    const brand = await aBrandWithStores();
    for (const type of ['application/json', 'text/plain']) {
      const response = await upload(brand, JSON.stringify(aMemberRegistration()), type);
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await members.context.db('member_imports').where({ brand_id: brand })).toEqual([]);
  });

  it('when the CSV header names an unknown column, then 400 names it and nothing is written', async () => {
    const brand = await aBrandWithStores();
    const response = await upload(brand, `${HEADER},passport\n`, 'text/csv');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'UNKNOWN_COLUMN', field: 'passport' });
    expect(await members.context.db('member_imports').where({ brand_id: brand })).toEqual([]);
  });

  it('when another brand asks for an import or its errors, then it does not exist (404)', async () => {
    const brand = await aBrandWithStores();
    const job = await importCompleted(
      brand,
      [HEADER, csvRow({ name: '丙', mobile: aMemberRegistration().mobile })].join('\n'),
    );
    const other = await aBrandWithStores();
    expect((await get(other, `/v1/member-imports/${job.id}`)).statusCode).toBe(404);
    const errors = await get(other, `/v1/member-imports/${job.id}/errors`);
    expect(errors.statusCode).toBe(404);
    expect(errors.json()).toMatchObject({ code: 'IMPORT_NOT_FOUND', field: 'importId' });
  });
});

describe('issue 6 item 10: member export', () => {
  it('R1: when a store is exported, then only its members come, personal data masked unless the role allows full view', async () => {
    const brand = await aBrandWithStores();
    const mine = { name: '李娜', mobile: aMemberRegistration().mobile, idNumber: anIdNumber() };
    const elsewhere = { name: '王芳', mobile: aMemberRegistration().mobile, store: 'SH-002' };
    await importCompleted(brand, [HEADER, csvRow(mine), csvRow(elsewhere)].join('\n'));

    const masked = await get(brand, '/v1/member-exports/members.csv?storeId=SH-001');
    const clear = await get(
      brand,
      '/v1/member-exports/members.csv?storeId=SH-001',
      'associate,brand-admin',
    );

    expect(masked.statusCode).toBe(200);
    expect(masked.headers['content-type']).toContain('text/csv');
    const [header, row, ...rest] = masked.body.trim().split('\r\n');
    expect(header?.split(',').slice(0, 4)).toEqual(['memberId', 'cardNumber', 'name', 'mobile']);
    expect(rest).toEqual([]);
    expect(row).toContain(`${mine.mobile.slice(0, 3)}****${mine.mobile.slice(-4)}`);
    expect(masked.body).not.toContain(mine.mobile);
    expect(masked.body).not.toContain(mine.idNumber);
    expect(masked.body).not.toContain(elsewhere.name);
    expect(clear.body).toContain(mine.mobile);
    expect(clear.body).toContain(mine.idNumber);
    expect(clear.body).toContain('婚庆|高净值');
  });

  it('when the store is not one of the brand, then 404 names storeId', async () => {
    const brand = await aBrandWithStores();
    const response = await get(brand, '/v1/member-exports/members.csv?storeId=GZ-404');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ field: 'storeId' });
  });
});
