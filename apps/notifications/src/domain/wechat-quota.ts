import type { NotificationChannel } from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { wechatSubscriptionsRepository as subscriptions } from '../data/wechat-subscriptions.repository';

/**
 * WeChat allows one message per subscription the member accepted: without one left for the
 * template, WeChat is not a channel for this request (routing passes over it, `no-wechat-quota`).
 */
export async function channelsWithoutQuota(
  trx: Transaction,
  allowed: NotificationChannel[],
  memberId: string,
  template: string,
): Promise<Partial<Record<NotificationChannel, string>>> {
  if (!allowed.includes('wechat')) return {};
  return (await subscriptions.remaining(trx, memberId, template)) > 0
    ? {}
    : { wechat: 'no-wechat-quota' };
}

/**
 * Takes the subscription a WeChat delivery will use, in the transaction that claims it (the
 * member's contact row is locked there, so the one counted is the one taken).
 */
export async function takeQuota(
  trx: Transaction,
  channel: NotificationChannel,
  memberId: string,
  template: string,
): Promise<void> {
  if (channel !== 'wechat') return;
  if (!(await subscriptions.consume(trx, memberId, template)))
    throw new Error(`WeChat subscription of ${template} vanished while the member was locked`);
}
