/**
 * A provider's answer that says whether trying again can help: timeouts, throttling (429) and
 * server errors (5xx) may pass later or at another provider; any other refusal never will.
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly provider: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export const isRetryableStatus = (status: number) =>
  status === 408 || status === 429 || status >= 500;

/** One provider call, as the delivery's attempt log records it. */
export interface AttemptRecord {
  provider: string;
  outcome: 'sent' | 'retryable' | 'terminal';
  detail: string;
}

/**
 * `POST url` with a JSON body and the idempotency key as a header, answering the parsed JSON
 * body. No answer in time, or no connection, is retryable.
 */
export async function postJson(
  provider: string,
  url: string,
  body: unknown,
  options: { idempotencyKey: string; timeoutMs: number; headers?: Record<string, string> },
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': options.idempotencyKey,
        ...options.headers,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new ProviderError(
      `${provider} did not answer: ${(error as Error).message}`,
      provider,
      true,
    );
  }
  if (!response.ok) {
    const retryable = isRetryableStatus(response.status);
    throw new ProviderError(
      retryable
        ? `${provider} answered ${response.status}`
        : `${provider} refused the message (${response.status})`,
      provider,
      retryable,
    );
  }
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    throw new ProviderError(`${provider} answered no JSON`, provider, true);
  }
}
