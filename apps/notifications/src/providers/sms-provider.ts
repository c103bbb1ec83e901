import { ProviderError, postJson, type AttemptRecord } from './provider-call';

export interface SmsMessage {
  to: string;
  text: string;
  /**
   * The provider's idempotency reference, sent in the body and as the `idempotency-key` header:
   * a gateway keeps one message per reference, so sending again never reaches the phone twice.
   */
  reference: string;
}

/** The one thing the platform asks of an SMS gateway. Each vendor gets its own adapter. */
export interface SmsProvider {
  /**
   * Sends one message. Throws ProviderError (retryable or not); `onAttempt` hears of every
   * provider call, the failed ones included; `beforeCall` may refuse a call by throwing (a
   * provider's rate limit), which ends the send with its error.
   */
  send(
    message: SmsMessage,
    onAttempt?: (attempt: AttemptRecord) => void,
    beforeCall?: (provider: string) => Promise<void>,
  ): Promise<{ providerMessageId: string; provider: string }>;
}

/**
 * A generic JSON-over-HTTP SMS gateway: `POST {url}` with `{to, text, reference}`, answering
 * `{messageId}`.
 */
export function createHttpSmsProvider(name: string, url: string, timeoutMs = 5_000): SmsProvider {
  return {
    async send(message, onAttempt, beforeCall) {
      await beforeCall?.(name);
      try {
        // The gateway's body is the SMS itself; what other channels need stays out of it.
        const { to, text, reference } = message;
        const options = { idempotencyKey: reference, timeoutMs };
        const body = await postJson(name, url, { to, text, reference }, options);
        if (typeof body['messageId'] !== 'string')
          throw new ProviderError(`${name} gave no messageId`, name, true);
        onAttempt?.({ provider: name, outcome: 'sent', detail: body['messageId'] });
        return { providerMessageId: body['messageId'], provider: name };
      } catch (error) {
        if (error instanceof ProviderError)
          onAttempt?.({
            provider: name,
            outcome: error.retryable ? 'retryable' : 'terminal',
            detail: error.message,
          });
        throw error;
      }
    },
  };
}

/**
 * Gateways in order of preference: when one fails with a retryable error the next takes the
 * same message (same reference) at once; a terminal refusal is final, as another gateway would
 * refuse the same message. When all fail, the last retryable error is thrown.
 *
 * A primary that timed out may still have sent it, so a failover can, rarely, mean two
 * messages: gateways share no reference store. That is the price of not leaving the member
 * without the message while the primary is down.
 */
export function createFailoverSmsProvider(providers: SmsProvider[]): SmsProvider {
  if (providers.length === 0) throw new Error('at least one SMS provider is needed');
  return {
    async send(message, onAttempt, beforeCall) {
      let last: unknown;
      for (const provider of providers) {
        try {
          return await provider.send(message, onAttempt, beforeCall);
        } catch (error) {
          if (!(error instanceof ProviderError) || !error.retryable) throw error;
          last = error;
        }
      }
      throw last;
    },
  };
}
