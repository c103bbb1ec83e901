import type { Queryable } from '@laoke/platform';
import type { Member } from '../domain/member';

interface MemberRow {
  id: string;
  brand_id: string;
  card_number: string;
  name: string;
  mobile_encrypted: string;
  mobile_fingerprint: string;
  mobile_masked: string;
  birthday: string | null;
  home_store_id: string;
  registered_at: Date;
}

const toMember = (row: MemberRow): Member => ({
  id: row.id,
  brandId: row.brand_id,
  cardNumber: row.card_number,
  name: row.name,
  mobileEncrypted: row.mobile_encrypted,
  mobileFingerprint: row.mobile_fingerprint,
  mobileMasked: row.mobile_masked,
  birthday: row.birthday,
  homeStoreId: row.home_store_id,
  registeredAt: row.registered_at,
});

export const membersRepository = {
  async nextCardSequence(db: Queryable): Promise<number> {
    const result = await db.raw<{ rows: { value: string }[] }>(
      "select nextval('card_number_seq') as value",
    );
    return Number(result.rows[0]?.value);
  },

  async insert(db: Queryable, member: Member): Promise<void> {
    await db('members').insert({
      id: member.id,
      brand_id: member.brandId,
      card_number: member.cardNumber,
      name: member.name,
      mobile_encrypted: member.mobileEncrypted,
      mobile_fingerprint: member.mobileFingerprint,
      mobile_masked: member.mobileMasked,
      birthday: member.birthday,
      home_store_id: member.homeStoreId,
      registered_at: member.registeredAt,
    });
  },

  async findById(db: Queryable, brandId: string, id: string): Promise<Member | undefined> {
    const row = await db<MemberRow>('members').where({ brand_id: brandId, id }).first();
    return row && toMember(row);
  },

  async findByCardNumber(
    db: Queryable,
    brandId: string,
    cardNumber: string,
  ): Promise<Member | undefined> {
    const row = await db<MemberRow>('members')
      .where({ brand_id: brandId, card_number: cardNumber })
      .first();
    return row && toMember(row);
  },

  async findByMobile(
    db: Queryable,
    brandId: string,
    fingerprint: string,
  ): Promise<Member | undefined> {
    const row = await db<MemberRow>('members')
      .where({ brand_id: brandId, mobile_fingerprint: fingerprint })
      .first();
    return row && toMember(row);
  },
};
