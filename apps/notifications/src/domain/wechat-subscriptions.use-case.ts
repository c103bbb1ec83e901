import {
  DomainError,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
  type ServiceClient,
} from '@laoke/platform';
import { contactsRepository as contacts } from '../data/contacts.repository';
import { wechatSubscriptionsRepository as subscriptions } from '../data/wechat-subscriptions.repository';

export interface WechatSubscriptionsDeps {
  db: Database;
  clock: BrandClock;
  members: ServiceClient;
}

export interface AcceptedSubscriptions {
  memberId: string;
  template: string;
  /** How many times the member accepted the template in this report. */
  count: number;
}

export interface SubscriptionQuota {
  memberId: string;
  template: string;
  remaining: number;
}

/**
 * The mini-program reports that a member accepted a one-time subscription to a template `count`
 * times: that many WeChat messages of it may now be sent (each send takes one). Once per
 * Idempotency-Key; a member this brand's contacts do not know is refused, nothing written.
 */
export async function recordWechatSubscriptions(
  deps: WechatSubscriptionsDeps,
  command: { brandId: string; idempotencyKey: string; input: AcceptedSubscriptions },
): Promise<IdempotentOutcome<SubscriptionQuota>> {
  const { brandId, input } = command;
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('record-wechat-subscriptions', input),
    },
    {
      work: async (trx) => {
        const known = (await trx('contacts')
          .where({ member_id: input.memberId, brand_id: brandId })
          .whereNull('erased_at')
          .first('member_id')) as unknown;
        if (!known)
          throw new DomainError('UNKNOWN_MEMBER', 'no member of this brand has this id', {
            kind: 'unknown-reference',
            field: 'memberId',
          });
        const remaining = await subscriptions.add(trx, {
          brandId,
          ...input,
          at: deps.clock.nowFor(brandId),
        });
        return { memberId: input.memberId, template: input.template, remaining };
      },
    },
  );
}

/**
 * What a member may still be sent on WeChat, per template they subscribed to (templates with
 * none left stay listed at 0). A member this brand does not know — neither in the contact
 * projection nor, registered a moment ago, at the members service — is not found.
 */
export async function wechatQuotaOf(
  deps: WechatSubscriptionsDeps,
  query: { brandId: string; memberId: string; requestId: string },
): Promise<{ memberId: string; templates: { template: string; remaining: number }[] }> {
  const templates = await subscriptions.listFor(deps.db, query.brandId, query.memberId);
  if (templates.length === 0) {
    const contact = await contacts.find(deps.db, query.memberId);
    const known =
      contact?.brandId === query.brandId ||
      (await deps.members.exists(`/v1/members/${encodeURIComponent(query.memberId)}`, query));
    if (!known)
      throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
        kind: 'not-found',
        field: 'memberId',
      });
  }
  return { memberId: query.memberId, templates };
}
