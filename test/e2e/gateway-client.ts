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
    registerMember: (body: unknown) => call('POST', '/v1/members', body),
    recordPurchase: (body: unknown, idempotencyKey?: string) =>
      call(
        'POST',
        '/v1/purchases',
        body,
        idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      ),
    points: (memberId: string) => call('GET', `/v1/members/${memberId}/points`),
    followUps: (memberId: string) => call('GET', `/v1/members/${memberId}/follow-ups`),
    notifications: (memberId: string) => call('GET', `/v1/members/${memberId}/notifications`),
  };
}
