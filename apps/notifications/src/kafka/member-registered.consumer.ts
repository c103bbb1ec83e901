import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '@laoke/platform';
import { contactsRepository } from '../data/contacts.repository';

/** Keeps the contact projection: name and encrypted mobile, nothing more than sending needs. */
export const memberRegisteredConsumer: ConsumerSpec = {
  groupId: 'notifications.contacts',
  topics: [Topics.membersEvents],
  handlers: {
    'member.registered': (event, trx) =>
      contactsRepository.upsert(
        trx,
        {
          memberId: event.data.memberId,
          brandId: event.brandId,
          name: event.data.name,
          mobileEncrypted: event.data.mobileEncrypted,
          mobileMasked: event.data.mobileMasked,
          smsAllowed: true,
        },
        new Date(event.occurredAt),
      ),
  },
};
