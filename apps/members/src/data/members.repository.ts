import type { Queryable } from '@laoke/platform';
import type { BirthdayCalendar, Gender, ImportantDate, Member } from '../domain/member';

export interface MemberRow {
  id: string;
  brand_id: string;
  card_number: string;
  name: string;
  gender: Gender | null;
  birthday: string | null;
  birthday_calendar: BirthdayCalendar;
  mobile_encrypted: string;
  mobile_fingerprint: string;
  mobile_masked: string;
  email_encrypted: string | null;
  email_masked: string | null;
  wechat_open_id: string | null;
  address_encrypted: string | null;
  address_masked: string | null;
  id_number_encrypted: string | null;
  id_number_fingerprint: string | null;
  id_number_masked: string | null;
  product_types: string[];
  colours: string[];
  style: string | null;
  habits: string[];
  tags: string[];
  important_dates: ImportantDate[];
  home_store_id: string;
  serving_associate_id: string | null;
  referrer_member_id: string | null;
  referral_code: string | null;
  version: number;
  registered_at: Date;
  updated_at: Date;
}

export const toMember = (row: MemberRow): Member => ({
  id: row.id,
  brandId: row.brand_id,
  cardNumber: row.card_number,
  name: row.name,
  gender: row.gender,
  birthday: row.birthday,
  birthdayCalendar: row.birthday_calendar,
  mobileEncrypted: row.mobile_encrypted,
  mobileFingerprint: row.mobile_fingerprint,
  mobileMasked: row.mobile_masked,
  emailEncrypted: row.email_encrypted,
  emailMasked: row.email_masked,
  wechatOpenId: row.wechat_open_id,
  addressEncrypted: row.address_encrypted,
  addressMasked: row.address_masked,
  idNumberEncrypted: row.id_number_encrypted,
  idNumberFingerprint: row.id_number_fingerprint,
  idNumberMasked: row.id_number_masked,
  productTypes: row.product_types,
  colours: row.colours,
  style: row.style,
  habits: row.habits,
  tags: row.tags,
  importantDates: row.important_dates,
  homeStoreId: row.home_store_id,
  servingAssociateId: row.serving_associate_id,
  referrerMemberId: row.referrer_member_id,
  referralCode: row.referral_code,
  version: row.version,
  registeredAt: row.registered_at,
  updatedAt: row.updated_at,
});

const toRow = (member: Member) => ({
  id: member.id,
  brand_id: member.brandId,
  card_number: member.cardNumber,
  name: member.name,
  gender: member.gender,
  birthday: member.birthday,
  birthday_calendar: member.birthdayCalendar,
  mobile_encrypted: member.mobileEncrypted,
  mobile_fingerprint: member.mobileFingerprint,
  mobile_masked: member.mobileMasked,
  email_encrypted: member.emailEncrypted,
  email_masked: member.emailMasked,
  wechat_open_id: member.wechatOpenId,
  address_encrypted: member.addressEncrypted,
  address_masked: member.addressMasked,
  id_number_encrypted: member.idNumberEncrypted,
  id_number_fingerprint: member.idNumberFingerprint,
  id_number_masked: member.idNumberMasked,
  product_types: JSON.stringify(member.productTypes),
  colours: JSON.stringify(member.colours),
  style: member.style,
  habits: JSON.stringify(member.habits),
  tags: JSON.stringify(member.tags),
  important_dates: JSON.stringify(member.importantDates),
  home_store_id: member.homeStoreId,
  serving_associate_id: member.servingAssociateId,
  referrer_member_id: member.referrerMemberId,
  referral_code: member.referralCode,
  version: member.version,
  registered_at: member.registeredAt,
  updated_at: member.updatedAt,
});

/** Erased members are kept only as an id; no look-up, list or search finds them (PIPL). */
const live = (db: Queryable) => db<MemberRow>('members').whereNull('erased_at');

export const membersRepository = {
  async nextCardSequence(db: Queryable): Promise<number> {
    const result = await db.raw<{ rows: { value: string }[] }>(
      "select nextval('card_number_seq') as value",
    );
    return Number(result.rows[0]?.value);
  },

  async insert(db: Queryable, member: Member): Promise<void> {
    await db('members').insert(toRow(member));
  },

  /**
   * Writes every field of the member but those that never change (the referral code stays
   * through a card replacement); the caller holds the row lock and checked the version.
   */
  async update(db: Queryable, member: Member): Promise<void> {
    const {
      id: _id,
      brand_id: _brand,
      registered_at: _at,
      referral_code: _code,
      ...fields
    } = toRow(member);
    await db('members').where({ brand_id: member.brandId, id: member.id }).update(fields);
  },

  async findById(db: Queryable, brandId: string, id: string): Promise<Member | undefined> {
    const row = await live(db).where({ brand_id: brandId, id }).first();
    return row && toMember(row);
  },

  /** The member, locked until the caller's transaction ends. */
  async lockById(db: Queryable, brandId: string, id: string): Promise<Member | undefined> {
    const row = await live(db).where({ brand_id: brandId, id }).forUpdate().first();
    return row && toMember(row);
  },

  async findByIds(db: Queryable, brandId: string, ids: string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    const rows = await live(db).where({ brand_id: brandId }).whereIn('id', ids);
    return rows.map(toMember);
  },

  /** The holder of an active card; a reported or replaced number resolves to nobody (R3). */
  async findByCardNumber(
    db: Queryable,
    brandId: string,
    cardNumber: string,
  ): Promise<Member | undefined> {
    const row: MemberRow | undefined = await live(db)
      .whereIn(
        'id',
        db('cards')
          .select('member_id')
          .where({ brand_id: brandId, number: cardNumber, status: 'active' }),
      )
      .first();
    return row && toMember(row);
  },

  async findByReferralCode(
    db: Queryable,
    brandId: string,
    referralCode: string,
  ): Promise<Member | undefined> {
    const row = await live(db).where({ brand_id: brandId, referral_code: referralCode }).first();
    return row && toMember(row);
  },

  /** Which of these codes a member of the brand already holds. */
  async takenReferralCodes(db: Queryable, brandId: string, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await db<{ brand_id: string; referral_code: string }>('members')
      .select('referral_code')
      .where({ brand_id: brandId })
      .whereIn('referral_code', codes);
    return new Set(rows.map((row) => row.referral_code));
  },

  async findByMobile(
    db: Queryable,
    brandId: string,
    fingerprint: string,
  ): Promise<Member | undefined> {
    const row = await live(db)
      .where({ brand_id: brandId, mobile_fingerprint: fingerprint })
      .first();
    return row && toMember(row);
  },

  /**
   * PIPL erasure: every personal column emptied in place (the id stays, so purchase facts and
   * consent evidence elsewhere keep a key that now names nobody). The caller holds the row lock.
   */
  async erase(db: Queryable, member: Member, at: Date): Promise<void> {
    await db('members')
      .where({ brand_id: member.brandId, id: member.id })
      .update({
        name: null,
        gender: null,
        birthday: null,
        birthday_calendar: 'solar',
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
        product_types: '[]',
        colours: '[]',
        style: null,
        habits: '[]',
        tags: '[]',
        important_dates: '[]',
        serving_associate_id: null,
        referrer_member_id: null,
        referral_code: null,
        version: member.version + 1,
        updated_at: at,
        erased_at: at,
      });
  },

  /** Members who named `referrerId` as their referrer forget the link (R7, erasure). */
  async detachReferrer(db: Queryable, brandId: string, referrerId: string, at: Date) {
    await db('members')
      .where({ brand_id: brandId, referrer_member_id: referrerId })
      .update({ referrer_member_id: null, version: db.raw('version + 1'), updated_at: at });
  },

  /** Card numbers for `count` new members, in one round trip. */
  async nextCardSequences(db: Queryable, count: number): Promise<number[]> {
    if (count === 0) return [];
    const result = await db.raw<{ rows: { value: string }[] }>(
      "select nextval('card_number_seq') as value from generate_series(1, ?)",
      [count],
    );
    return result.rows.map((row) => Number(row.value));
  },

  /** The brand's members with these mobiles, locked until the caller's transaction ends. */
  async lockByMobiles(db: Queryable, brandId: string, fingerprints: string[]): Promise<Member[]> {
    if (fingerprints.length === 0) return [];
    const rows = await db<MemberRow>('members')
      .where({ brand_id: brandId })
      .whereIn('mobile_fingerprint', fingerprints)
      .forUpdate();
    return rows.map(toMember);
  },

  /** Inserts new members and rewrites existing ones (by id) in one statement (bulk import). */
  async upsertMany(db: Queryable, members: Member[]): Promise<void> {
    if (members.length === 0) return;
    const rows = members.map(toRow);
    const kept = new Set(['id', 'brand_id', 'card_number', 'registered_at', 'referral_code']);
    await db('members')
      .insert(rows)
      .onConflict('id')
      .merge(Object.keys(rows[0] ?? {}).filter((column) => !kept.has(column)));
  },

  /**
   * One page of a brand's members (or a store's, by its id or code) in id order, for an export;
   * erased members are left out.
   */
  async exportPage(
    db: Queryable,
    brandId: string,
    options: { homeStores?: string[]; afterId?: string; limit: number },
  ): Promise<Member[]> {
    const query = live(db).where({ brand_id: brandId }).orderBy('id');
    if (options.homeStores) query.whereIn('home_store_id', options.homeStores);
    if (options.afterId) query.where('id', '>', options.afterId);
    const rows = await query.limit(options.limit);
    return rows.map(toMember);
  },
};
