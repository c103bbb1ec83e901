import { DomainError, type Database, type PageRequest, type ServiceClient } from '@laoke/platform';
import { contactsRepository as contacts } from '../data/contacts.repository';
import { deliveriesRepository as deliveries } from '../data/deliveries.repository';

export interface MemberNotificationsDeps {
  db: Database;
  members: ServiceClient;
}

/**
 * One page of a member's messages, newest first. A member with none is known from the contact
 * projection, or — registered a moment ago and not projected yet — from the members service; an
 * id neither knows is not found.
 */
export async function memberNotifications(
  deps: MemberNotificationsDeps,
  query: { brandId: string; memberId: string; requestId: string },
  page: PageRequest,
) {
  const rows = await deliveries.listForMember(deps.db, query.brandId, query.memberId, page);
  if (rows.length > 0 || page.after !== undefined) return rows;
  const contact = await contacts.find(deps.db, query.memberId);
  const known =
    contact?.brandId === query.brandId ||
    (await deps.members.exists(`/v1/members/${encodeURIComponent(query.memberId)}`, query));
  if (!known) {
    throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
      kind: 'not-found',
      field: 'memberId',
    });
  }
  return rows;
}
