import { systemClock } from '../clock';
import { DomainError } from '../errors/domain-error';
import { INTERNAL_TOKEN_HEADER, mintInternalToken } from './internal-identity';

export interface ServiceCall {
  brandId: string;
  /** Travels on as x-request-id, so one request can be followed across services. */
  requestId: string;
}

interface ServiceAnswer {
  status: number;
  body: unknown;
}

/**
 * Asks another Laoke service over HTTP, in the caller's brand. A service that does not answer in
 * time, or answers 5xx, becomes a 503 problem (`<SERVICE>_UNAVAILABLE`, retry later) for our own
 * caller — never a 500. Any other answer is returned for the caller to interpret.
 */
export function createServiceClient(options: {
  service: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Who asks (the calling service) and the secret its internal tokens are signed with. */
  caller: { service: string; internalTokenSecret: string };
}) {
  // A service asks another in the caller's brand only, with no role of its own.
  const identityHeaders = (call: ServiceCall) => ({
    [INTERNAL_TOKEN_HEADER]: mintInternalToken(
      {
        brandId: call.brandId,
        roles: [],
        actor: `service:${options.caller.service}`,
        requestId: call.requestId,
      },
      { secret: options.caller.internalTokenSecret, now: systemClock.now() },
    ),
    'x-request-id': call.requestId,
  });
  const unavailable = () =>
    new DomainError(
      `${options.service.toUpperCase()}_UNAVAILABLE`,
      `${options.service} cannot be asked now; retry later`,
      { kind: 'unavailable' },
    );
  async function get(path: string, call: ServiceCall, body?: unknown): Promise<ServiceAnswer> {
    let response: Response;
    try {
      const headers = identityHeaders(call);
      response = await fetch(`${options.baseUrl}${path}`, {
        ...(body === undefined
          ? { headers }
          : {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
    } catch {
      throw unavailable();
    }
    if (response.status >= 500) throw unavailable();
    const text = await response.text();
    try {
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } catch {
      throw unavailable(); // our own services answer JSON; anything else is a fault on their side
    }
  }
  /** The resource at `path`: its body on 200, undefined on 404, anything else unavailable. */
  async function find(path: string, call: ServiceCall, query?: unknown): Promise<unknown> {
    const { status, body } = await get(path, call, query);
    if (status === 200) return body;
    if (status === 404) return undefined;
    throw unavailable();
  }
  /** Writes `body` at `path`; answers the status and body of any non-5xx answer. */
  async function put(path: string, body: unknown, call: ServiceCall): Promise<ServiceAnswer> {
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...identityHeaders(call),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
    } catch {
      throw unavailable();
    }
    if (response.status >= 500) throw unavailable();
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
  return {
    find,
    /** Like `find`, for a search whose criteria travel in a POST body (personal data stays out of URLs). */
    search: (path: string, criteria: unknown, call: ServiceCall) => find(path, call, criteria),
    put,
    exists: async (path: string, call: ServiceCall) => (await find(path, call)) !== undefined,
  };
}

export type ServiceClient = ReturnType<typeof createServiceClient>;
