/** The one thing the platform asks of an SMS gateway. Each vendor gets its own adapter. */
export interface SmsProvider {
  send(message: {
    to: string;
    text: string;
    reference: string;
  }): Promise<{ providerMessageId: string }>;
}

/**
 * A generic JSON-over-HTTP SMS gateway: `POST {url}` with `{to, text, reference}`, answering
 * `{messageId}`. `reference` is our delivery id, so a gateway can drop a repeat.
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
      if (!response.ok) throw new Error(`SMS provider answered ${response.status}`);
      const body = (await response.json()) as { messageId?: string };
      if (!body.messageId) throw new Error('SMS provider gave no messageId');
      return { providerMessageId: body.messageId };
    },
  };
}
