import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { consentKey, contactsRepository as contacts } from '../data/contacts.repository';
import { forgetErasedMember } from '../domain/forget-erased-member.use-case';

const at = (iso: string) => new Date(iso);

/**
 * Keeps the contact projection from members.events: addresses (encrypted), locale, time zone,
 * consent per channel × category and erasure; nothing more than deciding and sending need.
 */
export const memberContactsConsumer: ConsumerSpec = {
  groupId: 'notifications.contacts',
  topics: [Topics.membersEvents],
  handlers: {
    'member.registered': ({ brandId, data, occurredAt }, trx) =>
      contacts.change(
        trx,
        data.memberId,
        brandId,
        {
          name: data.name,
          mobileEncrypted: data.mobileEncrypted,
          mobileMasked: data.mobileMasked,
        },
        at(occurredAt),
      ),
    'member.updated': ({ brandId, data, occurredAt }, trx) =>
      contacts.change(
        trx,
        data.memberId,
        brandId,
        {
          ...(data.name !== undefined && { name: data.name }),
          ...(data.mobileEncrypted !== undefined && { mobileEncrypted: data.mobileEncrypted }),
          ...(data.mobileMasked !== undefined && { mobileMasked: data.mobileMasked }),
          ...(data.emailEncrypted !== undefined && { emailEncrypted: data.emailEncrypted }),
          ...(data.wechatOpenId !== undefined && { wechatOpenId: data.wechatOpenId }),
          ...(data.locale !== undefined && { locale: data.locale }),
          ...(data.timeZone !== undefined && { timeZone: data.timeZone }),
        },
        at(occurredAt),
      ),
    'member.consent-changed': ({ brandId, data, occurredAt }, trx) =>
      contacts.setConsent(
        trx,
        data.memberId,
        brandId,
        consentKey(data.channel, data.category),
        data.granted,
        at(occurredAt),
      ),
    'member.erased': ({ brandId, data, occurredAt }, trx) =>
      forgetErasedMember(trx, { brandId, memberId: data.memberId, at: at(occurredAt) }),
  },
};
