/** The one thing the platform asks of an SMS gateway. Each vendor gets its own adapter. */
export interface SmsProvider {
  /**
   * Sends one message. `reference` is the provider's idempotency reference: a gateway keeps one
   * message per reference, so sending again with the same one never reaches the phone twice.
   * Throws SmsRejectedError when the gateway refuses the message for good; any other error may
   * pass if tried again.
   */
  send(message: {
    to: string;
    text: string;
    reference: string;
  }): Promise<{ providerMessageId: string }>;
}

/** The gateway refused this message (a bad number, a banned word …); sending it again cannot help. */
export class SmsRejectedError extends Error {
  override name = 'SmsRejectedError';
}

// A timeout or throttling answer says "not now", not "never".
const refusesForGood = (status: number) =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;

/**
 * A generic JSON-over-HTTP SMS gateway: `POST {url}` with `{to, text, reference}`, answering
 * `{messageId}`.
 */
export function createHttpSmsProvider(url: string, timeoutMs = 5_000): SmsProvider {
  return {
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (refusesForGood(response.status))
        throw new SmsRejectedError(`SMS provider refused the message (${response.status})`);
      if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
      const body = (await response.json()) as { messageId?: string };
      if (!body.messageId) throw new Error('SMS provider gave no messageId');
      return { providerMessageId: body.messageId };
    },
  };
}
