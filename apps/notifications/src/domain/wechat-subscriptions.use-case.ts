import {
  DomainError,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
} from '@laoke/platform';
import { wechatSubscriptionsRepository as subscriptions } from '../data/wechat-subscriptions.repository';

export interface WechatSubscriptionsDeps {
  db: Database;
  clock: BrandClock;
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
