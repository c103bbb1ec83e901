import type { NotificationCategory, NotificationChannel } from '@laoke/contracts';
import { consents, type Contact } from '../data/contacts.repository';

export type Route = { channel: NotificationChannel; passedOver: string[] } | { suppressed: string };

const addressOf = (contact: Contact, channel: NotificationChannel) => {
  switch (channel) {
    case 'sms':
      return contact.mobileEncrypted;
    case 'wechat':
      return contact.wechatOpenId;
    case 'email':
      return contact.emailEncrypted;
    case 'staff-task':
      return contact.memberId;
  }
};

/** Why a member cannot be reached on a channel for a category, or undefined when they can. */
function obstacle(
  contact: Contact,
  channel: NotificationChannel,
  category: NotificationCategory,
  unavailable: Partial<Record<NotificationChannel, string>>,
): string | undefined {
  if (!addressOf(contact, channel)) return 'no-address';
  if (!consents(contact, channel, category)) return 'opted-out';
  return unavailable[channel];
}

/**
 * The first channel the brand allows for the purpose on which the member can be reached and has
 * not opted out of this category; the sender's channel is tried first when the policy allows it.
 * A channel `unavailable` names (WeChat without a subscription left) is passed over the same way.
 * With none, the reason names each channel's obstacle (R5; rules of the trade on consent); the
 * channels passed over before the chosen one are named too.
 */
export function routeDelivery(
  allowed: NotificationChannel[],
  preferred: NotificationChannel | undefined,
  contact: Contact,
  category: NotificationCategory,
  unavailable: Partial<Record<NotificationChannel, string>> = {},
): Route {
  if (contact.erasedAt) return { suppressed: 'member-erased' };
  const order =
    preferred && allowed.includes(preferred)
      ? [preferred, ...allowed.filter((c) => c !== preferred)]
      : allowed;
  const obstacles: string[] = [];
  if (preferred && !allowed.includes(preferred))
    obstacles.push(`${preferred}: not-allowed-for-purpose`);
  for (const channel of order) {
    const why = obstacle(contact, channel, category, unavailable);
    if (!why) return { channel, passedOver: obstacles };
    obstacles.push(`${channel}: ${why}`);
  }
  return { suppressed: `no-allowed-channel (${obstacles.join(', ') || 'none configured'})` };
}
