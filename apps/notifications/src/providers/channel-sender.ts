import type { AttemptRecord } from './provider-call';
import { createFailoverSmsProvider, type SmsMessage } from './sms-provider';

/**
 * A message as every channel's provider takes it: the member's address on that channel (mobile,
 * openid, e-mail), the rendered text, the reference that makes a resend a no-op, and the
 * template key (WeChat sends by template).
 */
export interface ChannelMessage extends SmsMessage {
  template: string;
}

/**
 * The one thing the platform asks of any channel's provider (an SMS gateway is one): send one
 * message, throw ProviderError (retryable or not), tell `onAttempt` of every provider call, and
 * let `beforeCall` refuse a call by throwing (the provider's rate limit).
 */
export interface ChannelSender {
  send(
    message: ChannelMessage,
    onAttempt?: (attempt: AttemptRecord) => void,
    beforeCall?: (provider: string) => Promise<void>,
  ): Promise<{ providerMessageId: string; provider: string }>;
}

/** The external channels' senders, failover included; a channel left out has no provider. */
export interface ChannelSenders {
  wechat?: ChannelSender;
  email?: ChannelSender;
}

/** Providers in order of preference, the SMS failover rule for any channel (sms-provider.ts). */
export const createFailoverSender = (senders: ChannelSender[]): ChannelSender =>
  createFailoverSmsProvider(senders);
