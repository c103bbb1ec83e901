import { randomUUID } from 'node:crypto';
import { Topics, createEvent, type BirthdayCalendar } from '@laoke/contracts';
import {
  aTestClock,
  aTopicNamespace,
  eventually,
  publishRaw,
  startServiceUnderTest,
  type ServiceUnderTest,
} from '@laoke/testing';
import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as campaignsApp from '../../src/app';
import { DEFAULT_GREETING_HOLIDAYS } from '../../src/domain/greetings/greeting-policy';
import { sendBirthdayGreetings } from '../../src/domain/greetings/send-birthday-greetings.use-case';
import { sendOccasionGreetings } from '../../src/domain/greetings/send-occasion-greetings.use-case';

let campaigns: ServiceUnderTest;
let topic: (name: string) => string;
const clock = aTestClock(new Date('2026-03-01T00:00:00Z'));
const policy = {
  timeZone: 'Asia/Shanghai',
  holidays: DEFAULT_GREETING_HOLIDAYS,
  seasonTerms: ['立春', '立夏', '立秋', '立冬'],
};

beforeAll(async () => {
  const ns = await aTopicNamespace();
  topic = ns.topic;
  campaigns = await startServiceUnderTest(
    campaignsApp,
    {
      KAFKA_TOPIC_PREFIX: ns.prefix,
      SERVICE_NAME: 'campaigns',
      // The tests run the greeting scans themselves.
      GREETING_POLL_MS: 3_600_000,
      MEMBERS_URL: 'http://127.0.0.1:9',
    },
    { clock },
  );
});
afterAll(() => campaigns?.close());

const db = () => campaigns.context.db;
const birthdays = (batch = 500) => sendBirthdayGreetings({ db: db(), clock, policy }, batch);
const occasions = (batch = 500) => sendOccasionGreetings({ db: db(), clock, policy }, batch);
/** Shanghai local time on a day, as the UTC instant the clock is set to. */
const shanghai = (day: string, hour = 10) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

async function publishMember(
  brandId: string,
  member: { birthday?: string; birthdayCalendar?: BirthdayCalendar } = {},
) {
  const memberId = randomUUID();
  const event = createEvent({
    type: 'member.registered',
    brandId,
    memberId,
    data: {
      memberId,
      cardNumber: `VIP${memberId.slice(0, 9)}`,
      name: '王女士',
      mobileEncrypted: 'v1:encrypted',
      mobileMasked: '138****0000',
      homeStoreId: 'store-greet',
      registeredAt: clock.now().toISOString(),
      ...member,
    },
  });
  await send(memberId, event);
  await eventually(async () =>
    expect(await db()('greeting_members').where({ member_id: memberId }).first()).toBeDefined(),
  );
  return memberId;
}

const send = (key: string, event: object) =>
  publishRaw(inject('kafkaBrokers'), topic(Topics.membersEvents), [
    { key, value: JSON.stringify(event) },
  ]);

type Request = {
  data: {
    template: string;
    purpose: string;
    dedupeKey: string;
    variables: object;
    expiresAt: string;
  };
};
const requestsFor = async (memberId: string): Promise<Request['data'][]> => {
  const rows: { payload: Request }[] = await db()('outbox')
    .where({ event_type: 'notification.requested' })
    .whereRaw("payload->'data'->>'memberId' = ?", [memberId])
    .orderBy('position');
  return rows.map((r) => r.payload.data);
};

const aBrand = () => `brand-greet-${randomUUID().slice(0, 8)}`;

describe('R5: birthday greetings', () => {
  it('a solar birthday is greeted on the day in the brand zone, once, and the next one is a year on', async () => {
    clock.set(shanghai('2026-03-03'));
    const memberId = await publishMember(aBrand(), { birthday: '1990-03-05' });

    clock.set(shanghai('2026-03-04', 23));
    await birthdays();
    expect(await requestsFor(memberId)).toEqual([]);

    clock.set(shanghai('2026-03-05', 0));
    await birthdays();
    await birthdays();

    expect(await requestsFor(memberId)).toEqual([
      expect.objectContaining({
        template: 'greeting.birthday',
        purpose: 'birthday',
        dedupeKey: `greeting:birthday:${memberId}:2026-03-05`,
        expiresAt: '2026-03-05T15:59:59.999Z',
      }),
    ]);
    const row = await db()('greeting_members').where({ member_id: memberId }).first();
    expect(row.next_birthday_on).toBe('2027-03-05');
  });

  it('a member born on 29 February is greeted on 28 February in a common year', async () => {
    clock.set(shanghai('2027-02-20'));
    const memberId = await publishMember(aBrand(), { birthday: '1996-02-29' });
    clock.set(shanghai('2027-02-28', 9));
    await birthdays();
    expect((await requestsFor(memberId)).map((r) => r.dedupeKey)).toEqual([
      `greeting:birthday:${memberId}:2027-02-28`,
    ]);
  });

  it('a lunar birthday falls on the day the lunar calendar gives for this year', async () => {
    const born = '1990-06-10';
    const lunar = SolarDay.fromYmd(1990, 6, 10).getLunarDay();
    const expected = LunarDay.fromYmd(
      2026,
      lunar.getLunarMonth().getMonthWithLeap(),
      lunar.getDay(),
    )
      .getSolarDay()
      .toString();
    const day = /(\d+)年(\d+)月(\d+)日/.exec(expected)!;
    const iso = `${day[1]}-${day[2]!.padStart(2, '0')}-${day[3]!.padStart(2, '0')}`;
    clock.set(shanghai('2026-03-01'));
    const memberId = await publishMember(aBrand(), { birthday: born, birthdayCalendar: 'lunar' });

    const row = await db()('greeting_members').where({ member_id: memberId }).first();
    expect(row.next_birthday_on).toBe(iso);
    expect(iso).not.toBe('2026-06-10');
    clock.set(shanghai(iso, 8));
    await birthdays();
    expect((await requestsFor(memberId)).map((r) => r.dedupeKey)).toEqual([
      `greeting:birthday:${memberId}:${iso}`,
    ]);
  });

  it("a member living in another zone is greeted on their own day, not the brand's", async () => {
    clock.set(shanghai('2026-05-01'));
    const brand = aBrand();
    const memberId = await publishMember(brand, { birthday: '1985-05-10' });
    await send(
      memberId,
      createEvent({
        type: 'member.updated',
        brandId: brand,
        memberId,
        data: { memberId, timeZone: 'America/Los_Angeles', updatedAt: clock.now().toISOString() },
      }),
    );
    await eventually(async () =>
      expect(
        (await db()('greeting_members').where({ member_id: memberId }).first()).time_zone,
      ).toBe('America/Los_Angeles'),
    );

    clock.set(new Date('2026-05-10T10:00:00+08:00')); // still 9 May in Los Angeles
    await birthdays();
    expect(await requestsFor(memberId)).toEqual([]);
    clock.set(new Date('2026-05-10T08:00:00-07:00'));
    await birthdays();
    expect(await requestsFor(memberId)).toHaveLength(1);
  });

  it('a birthday the scan missed by days is skipped to next year, never greeted late', async () => {
    clock.set(shanghai('2026-06-01'));
    const memberId = await publishMember(aBrand(), { birthday: '1970-06-03' });
    clock.set(shanghai('2026-06-08'));
    await birthdays();
    expect(await requestsFor(memberId)).toEqual([]);
    const row = await db()('greeting_members').where({ member_id: memberId }).first();
    expect(row.next_birthday_on).toBe('2027-06-03');
  });
});

describe('R5: holiday and season greetings', () => {
  it('on Mid-Autumn 2027 every member of the brand gets one holiday greeting, even with two replicas scanning in small batches', async () => {
    expect(SolarDay.fromYmd(2027, 9, 15).getLunarDay().getFestival()?.getName()).toBe('中秋节');
    clock.set(shanghai('2027-09-10'));
    const brand = aBrand();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await publishMember(brand));

    clock.set(shanghai('2027-09-14', 12));
    await occasions(2);
    for (const id of ids) expect(await requestsFor(id)).toEqual([]);

    clock.set(shanghai('2027-09-15', 9));
    for (let round = 0; round < 4; round++) await Promise.all([occasions(2), occasions(2)]);

    for (const id of ids) {
      expect(await requestsFor(id)).toEqual([
        expect.objectContaining({
          template: 'greeting.holiday',
          purpose: 'holiday',
          variables: { occasion: '中秋节' },
          dedupeKey: `greeting:holiday:中秋节:2027-09-15:${id}`,
        }),
      ]);
    }
    const occasion = await db()('greeting_occasions').where({ brand_id: brand }).first();
    expect(occasion).toMatchObject({ greeted: 5 });
    expect(occasion.done_at).not.toBeNull();
  });

  it('the start of winter (立冬) brings a season-change care reminder on the day the calendar gives', async () => {
    const jd = SolarTerm.fromName(2026, '立冬').getJulianDay().getSolarDay();
    const day = `${jd.getYear()}-${String(jd.getMonth()).padStart(2, '0')}-${String(jd.getDay()).padStart(2, '0')}`;
    clock.set(shanghai('2026-11-01'));
    const memberId = await publishMember(aBrand());
    clock.set(shanghai(day, 9));
    await occasions();
    expect(await requestsFor(memberId)).toEqual([
      expect.objectContaining({
        template: 'greeting.season',
        purpose: 'season',
        variables: { occasion: '立冬' },
      }),
    ]);
  });

  it('an erased member is greeted no more', async () => {
    clock.set(shanghai('2027-09-30'));
    const brand = aBrand();
    const memberId = await publishMember(brand, { birthday: '1980-10-01' });
    await send(
      memberId,
      createEvent({
        type: 'member.erased',
        brandId: brand,
        memberId,
        data: { memberId, erasedAt: clock.now().toISOString() },
      }),
    );
    await eventually(async () =>
      expect(await db()('greeting_members').where({ member_id: memberId }).first()).toBeUndefined(),
    );
    clock.set(shanghai('2027-10-01', 9));
    await birthdays();
    await occasions();
    expect(await requestsFor(memberId)).toEqual([]);
  });
});
