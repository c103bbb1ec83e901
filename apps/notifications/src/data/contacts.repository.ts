import type { Queryable } from '@laoke/platform';

export interface Contact {
  memberId: string;
  brandId: string;
  name: string;
  mobileEncrypted: string;
  mobileMasked: string;
  smsAllowed: boolean;
}

interface ContactRow {
  member_id: string;
  brand_id: string;
  name: string;
  mobile_encrypted: string;
  mobile_masked: string;
  sms_allowed: boolean;
}

export const contactsRepository = {
  async upsert(db: Queryable, contact: Contact, at: Date): Promise<void> {
    const row = {
      member_id: contact.memberId,
      brand_id: contact.brandId,
      name: contact.name,
      mobile_encrypted: contact.mobileEncrypted,
      mobile_masked: contact.mobileMasked,
      sms_allowed: contact.smsAllowed,
      updated_at: at,
    };
    await db('contacts').insert(row).onConflict('member_id').merge();
  },

  async find(db: Queryable, memberId: string): Promise<Contact | undefined> {
    const row = await db<ContactRow>('contacts').where({ member_id: memberId }).first();
    return (
      row && {
        memberId: row.member_id,
        brandId: row.brand_id,
        name: row.name,
        mobileEncrypted: row.mobile_encrypted,
        mobileMasked: row.mobile_masked,
        smsAllowed: row.sms_allowed,
      }
    );
  },
};
