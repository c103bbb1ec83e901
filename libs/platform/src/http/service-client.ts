import { DomainError } from '../errors/domain-error';

export interface ServiceCall {
  brandId: string;
  /** Travels on as x-request-id, so one request can be followed across services. */
  requestId: string;
}

export interface ServiceAnswer {
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
}) {
  const unavailable = () =>
    new DomainError(
      `${options.service.toUpperCase()}_UNAVAILABLE`,
      `${options.service} cannot be asked now; retry later`,
      { kind: 'unavailable' },
    );
  return {
    async get(path: string, call: ServiceCall): Promise<ServiceAnswer> {
      let response: Response;
      try {
        response = await fetch(`${options.baseUrl}${path}`, {
          headers: { 'x-laoke-brand-id': call.brandId, 'x-request-id': call.requestId },
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
      } catch {
        throw unavailable();
      }
      if (response.status >= 500) throw unavailable();
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
  };
}

export type ServiceClient = ReturnType<typeof createServiceClient>;
