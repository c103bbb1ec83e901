import { request as httpRequest } from 'node:http';

/** Calls the public API the way an integration or a POS would: real HTTP, JSON, an API key. */
export function gatewayClient(baseUrl: string, apiKey: string | undefined) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(apiKey && { 'x-api-key': apiKey }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      contentType: response.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : undefined) as Record<string, any>,
    };
  };
  return {
    call,
    registerMember: (body: unknown) => call('POST', '/v1/members', body),
    /** Finds a member by `{ mobile }` or `{ cardNumber }`; the value travels in the body. */
    searchMember: (body: unknown) => call('POST', '/v1/members/search', body),
    member: (memberId: string) => call('GET', `/v1/members/${memberId}`),
    recordPurchase: (body: unknown, idempotencyKey?: string) =>
      call(
        'POST',
        '/v1/purchases',
        body,
        idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      ),
    points: (memberId: string) => call('GET', `/v1/members/${memberId}/points`),
    ledger: (memberId: string, query = '') =>
      call('GET', `/v1/members/${memberId}/points/ledger${query}`),
    followUps: (memberId: string) => call('GET', `/v1/members/${memberId}/follow-ups`),
    notifications: (memberId: string) => call('GET', `/v1/members/${memberId}/notifications`),
  };
}

/** Sends a request exactly as written, for targets and bodies fetch would not send. */
export function rawRequest(
  baseUrl: string,
  apiKey: string,
  target: string,
  body?: string,
): Promise<{ status: number; type: string; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: hostname,
        port,
        method: body ? 'POST' : 'GET',
        path: target,
        headers: { 'x-api-key': apiKey, ...(body && { 'content-type': 'application/json' }) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers['content-type'] ?? '',
            text,
          }),
        );
      },
    );
    // A server may answer (413) before reading the whole body and close: the write then fails
    // with EPIPE while the answer is on its way, so an error only counts when no answer follows.
    request.on('error', (error) => setTimeout(() => reject(error), 2_000).unref());
    request.end(body);
  });
}
