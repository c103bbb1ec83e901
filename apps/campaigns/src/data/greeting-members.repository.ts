import type { Queryable } from '@laoke/platform';
import type { BirthdayCalendar } from '../domain/greetings/greeting-calendar';

export interface GreetingMember {
  brandId: string;
  memberId: string;
  homeStoreId: string;
  birthday: string | null;
  birthdayCalendar: BirthdayCalendar;
  timeZone: string | null;
  nextBirthdayOn: string | null;
}

const TABLE = 'greeting_members';

/** Dates come back as `YYYY-MM-DD` text (the platform's pg type parsing). */
interface GreetingMemberRow {
  brand_id: string;
  member_id: string;
  home_store_id: string;
  birthday: string | null;
  birthday_calendar: BirthdayCalendar;
  time_zone: string | null;
  next_birthday_on: string | null;
}

const fromRow = (row: GreetingMemberRow): GreetingMember => ({
  brandId: row.brand_id,
  memberId: row.member_id,
  homeStoreId: row.home_store_id,
  birthday: row.birthday,
  birthdayCalendar: row.birthday_calendar,
  timeZone: row.time_zone,
  nextBirthdayOn: row.next_birthday_on,
});

const toRow = (m: GreetingMember): GreetingMemberRow => ({
  brand_id: m.brandId,
  member_id: m.memberId,
  home_store_id: m.homeStoreId,
  birthday: m.birthday,
  birthday_calendar: m.birthdayCalendar,
  time_zone: m.timeZone,
  next_birthday_on: m.nextBirthdayOn,
});

/** R5: who is greeted, on which calendar, in which zone; the next birthday only. */
export const greetingMembersRepository = {
  async find(db: Queryable, brandId: string, memberId: string) {
    const row = await db<GreetingMemberRow>(TABLE)
      .where({ brand_id: brandId, member_id: memberId })
      .first();
    return row ? fromRow(row) : undefined;
  },

  async save(db: Queryable, member: GreetingMember): Promise<void> {
    await db(TABLE).insert(toRow(member)).onConflict(['brand_id', 'member_id']).merge();
  },

  async remove(db: Queryable, brandId: string, memberId: string): Promise<void> {
    await db(TABLE).where({ brand_id: brandId, member_id: memberId }).delete();
  },

  async brands(db: Queryable): Promise<string[]> {
    const rows: { brand_id: string }[] = await db(TABLE).distinct('brand_id');
    return rows.map((r) => r.brand_id);
  },

  /** Birthdays due by `onOrBefore`, soonest first; rows another replica holds are skipped. */
  async claimBirthdaysDue(db: Queryable, brandId: string, onOrBefore: string, limit: number) {
    const rows: GreetingMemberRow[] = await db<GreetingMemberRow>(TABLE)
      .where({ brand_id: brandId })
      .where('next_birthday_on', '<=', onOrBefore)
      .orderBy([{ column: 'next_birthday_on' }, { column: 'member_id' }])
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(fromRow);
  },

  setNextBirthday: (db: Queryable, brandId: string, memberId: string, day: string | null) =>
    db(TABLE).where({ brand_id: brandId, member_id: memberId }).update({ next_birthday_on: day }),

  /** The contact plan counts a birthday greeting as a contact (issue 9 item 6). */
  markBirthdayGreeted: (db: Queryable, brandId: string, memberId: string, day: string) =>
    db(TABLE)
      .where({ brand_id: brandId, member_id: memberId })
      .update({ last_birthday_greeted_on: day }),

  /** A brand's members in id order after `cursor`, for a fan-out that can resume. */
  async pageAfter(
    db: Queryable,
    brandId: string,
    cursor: string | null,
    limit: number,
  ): Promise<GreetingMember[]> {
    const query = db<GreetingMemberRow>(TABLE).where({ brand_id: brandId });
    if (cursor) void query.where('member_id', '>', cursor);
    const rows: GreetingMemberRow[] = await query.orderBy('member_id').limit(limit);
    return rows.map(fromRow);
  },
};
