import type { NotificationCategory, NotificationChannel } from '@laoke/contracts';
import type { Queryable } from '@laoke/platform';

/** What the notifications service knows of a member to reach them; addresses stay encrypted. */
export interface Contact {
  memberId: string;
  brandId: string;
  name: string | null;
  mobileEncrypted: string | null;
  mobileMasked: string | null;
  emailEncrypted: string | null;
  wechatOpenId: string | null;
  locale: string | null;
  timeZone: string | null;
  /** `${channel}:${category}` → granted; a pair not listed is granted. */
  consents: Record<string, boolean>;
  erasedAt: Date | null;
}

/** The consent channel a delivery channel asks: a staff task is a call. */
const consentChannel = (channel: NotificationChannel) =>
  channel === 'staff-task' ? 'phone' : channel;

export const consentKey = (channel: string, category: string) => `${channel}:${category}`;

export const consents = (
  contact: Contact,
  channel: NotificationChannel,
  category: NotificationCategory,
) => contact.consents[consentKey(consentChannel(channel), category)] !== false;

const toContact = (row: Record<string, unknown>): Contact => ({
  memberId: row['member_id'] as string,
  brandId: row['brand_id'] as string,
  name: row['name'] as string | null,
  mobileEncrypted: row['mobile_encrypted'] as string | null,
  mobileMasked: row['mobile_masked'] as string | null,
  emailEncrypted: row['email_encrypted'] as string | null,
  wechatOpenId: row['wechat_openid'] as string | null,
  locale: row['locale'] as string | null,
  timeZone: row['time_zone'] as string | null,
  consents: (row['consents'] as Record<string, boolean> | null) ?? {},
  erasedAt: row['erased_at'] as Date | null,
});

export interface ContactChange {
  name?: string;
  mobileEncrypted?: string;
  mobileMasked?: string;
  emailEncrypted?: string;
  wechatOpenId?: string;
  locale?: string;
  timeZone?: string;
}

const columnsOf = (change: ContactChange) => {
  const columns: Record<string, string> = {};
  if (change.name !== undefined) columns['name'] = change.name;
  if (change.mobileEncrypted !== undefined) columns['mobile_encrypted'] = change.mobileEncrypted;
  if (change.mobileMasked !== undefined) columns['mobile_masked'] = change.mobileMasked;
  if (change.emailEncrypted !== undefined) columns['email_encrypted'] = change.emailEncrypted;
  if (change.wechatOpenId !== undefined) columns['wechat_openid'] = change.wechatOpenId;
  if (change.locale !== undefined) columns['locale'] = change.locale;
  if (change.timeZone !== undefined) columns['time_zone'] = change.timeZone;
  return columns;
};

export const contactsRepository = {
  /**
   * Records what an event says of a member, leaving the rest as it was. An erased member stays
   * erased: a late event must not bring their data back.
   */
  async change(
    db: Queryable,
    memberId: string,
    brandId: string,
    change: ContactChange,
    at: Date,
  ): Promise<void> {
    const columns = columnsOf(change);
    await db('contacts')
      .insert({ member_id: memberId, brand_id: brandId, ...columns, updated_at: at })
      .onConflict('member_id')
      .merge({ ...columns, updated_at: at })
      .whereNull('contacts.erased_at');
  },

  async setConsent(
    db: Queryable,
    memberId: string,
    brandId: string,
    key: string,
    granted: boolean,
    at: Date,
  ): Promise<void> {
    const consent = JSON.stringify({ [key]: granted });
    await db('contacts')
      .insert({ member_id: memberId, brand_id: brandId, consents: consent, updated_at: at })
      .onConflict('member_id')
      .merge({ consents: db.raw('contacts.consents || ?::jsonb', [consent]), updated_at: at });
  },

  /** Forgets every personal detail; the row stays so later requests are suppressed, not retried. */
  async erase(db: Queryable, memberId: string, brandId: string, at: Date): Promise<void> {
    const forgotten = {
      name: null,
      mobile_encrypted: null,
      mobile_masked: null,
      email_encrypted: null,
      wechat_openid: null,
      erased_at: at,
      updated_at: at,
    };
    await db('contacts')
      .insert({ member_id: memberId, brand_id: brandId, ...forgotten })
      .onConflict('member_id')
      .merge(forgotten);
  },

  async find(db: Queryable, memberId: string): Promise<Contact | undefined> {
    const row = (await db('contacts').where({ member_id: memberId }).first()) as
      Record<string, unknown> | undefined;
    return row && toContact(row);
  },

  /** Locks the member's row: decisions about one member (caps, daily limit) are made one at a time. */
  async findForUpdate(db: Queryable, memberId: string): Promise<Contact | undefined> {
    const row = (await db('contacts').where({ member_id: memberId }).forUpdate().first()) as
      Record<string, unknown> | undefined;
    return row && toContact(row);
  },
};
