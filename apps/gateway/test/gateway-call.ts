import type { RunningGateway } from '../src/app';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** One call to a gateway as a client makes it: an API key or a bearer token, a JSON body. */
export async function call(
  gateway: RunningGateway,
  method: string,
  path: string,
  options: { key?: string; token?: string; body?: unknown } = {},
): Promise<Answer> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: {
      ...(options.key && { 'x-api-key': options.key }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
