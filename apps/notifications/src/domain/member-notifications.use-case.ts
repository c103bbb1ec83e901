import { DomainError, type Database, type PageRequest, type ServiceClient } from '@laoke/platform';
import { contactsRepository as contacts } from '../data/contacts.repository';
import { deliveriesRepository as deliveries, type Delivery } from '../data/deliveries.repository';
import {
  rejectedRequestsRepository as rejectedRequests,
  type RejectedRequest,
} from '../data/rejected-requests.repository';

export interface MemberNotificationsDeps {
  db: Database;
  members: ServiceClient;
}

/** A delivery, or a request that was rejected before it became one (`rejected`, see reason). */
export type HistoryEntry = Omit<Delivery, 'status'> & { status: Delivery['status'] | 'rejected' };

const asEntry = (r: RejectedRequest & { memberId: string; brandId: string }): HistoryEntry => ({
  id: r.id,
  brandId: r.brandId,
  storeId: null,
  requestId: r.requestId ?? '',
  requestEventId: null,
  correlationId: null,
  memberId: r.memberId,
  channel: r.channel,
  purpose: r.purpose,
  dedupeKey: '',
  template: r.template ?? '',
  category: r.category ?? '',
  status: 'rejected',
  attempts: 0,
  attemptedAt: null,
  providerMessageId: null,
  failureReason: r.reason,
  decisionReason: null,
  text: '',
  createdAt: r.rejectedAt,
  notBefore: r.rejectedAt,
  priority: 0,
  expiresAt: null,
  smsLength: null,
  smsSegments: null,
  sentAt: null,
});

/** Newest first, as both lists are paged: by time, then id. */
const newestFirst = (a: HistoryEntry, b: HistoryEntry) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0);

/**
 * A page of deliveries and a page of rejected requests from the same cursor, merged: the first
 * `limit + 1` of the two is exactly the page of the combined history.
 */
async function historyPage(
  deps: MemberNotificationsDeps,
  query: { brandId: string; memberId: string },
  page: PageRequest,
): Promise<HistoryEntry[]> {
  const [delivered, rejected] = await Promise.all([
    deliveries.listForMember(deps.db, query.brandId, query.memberId, page),
    rejectedRequests.listForMember(deps.db, query.brandId, query.memberId, page),
  ]);
  const entries: HistoryEntry[] = [
    ...delivered,
    ...rejected.map((r) => asEntry({ ...r, brandId: query.brandId, memberId: query.memberId })),
  ];
  return entries.sort(newestFirst).slice(0, page.limit + 1);
}

/**
 * One page of a member's messages (and rejected requests), newest first. A member with none is known from the contact
 * projection, or — registered a moment ago and not projected yet — from the members service; an
 * id neither knows is not found.
 */
export async function memberNotifications(
  deps: MemberNotificationsDeps,
  query: { brandId: string; memberId: string; requestId: string },
  page: PageRequest,
): Promise<HistoryEntry[]> {
  const rows = await historyPage(deps, query, page);
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
