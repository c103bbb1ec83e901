import { STATUS_CODES } from 'node:http';
import { Type } from 'typebox';
import { Identifier } from './input.schemas';

/** Set by the gateway from the caller's API key; services scope every query by it. */
export const BrandScopeHeaders = Type.Object({
  'x-laoke-brand-id': Identifier(),
});

export const ProblemResponse = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    field: Type.Optional(Type.String({ description: 'The first entry of errors' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'JSON property path, or a header name in lower case' }),
          code: Type.Optional(Type.String()),
          message: Type.String(),
        }),
      ),
    ),
  },
  {
    $id: 'Problem',
    description: 'An error as RFC 9457 problem details, with a stable `code`',
    additionalProperties: true,
  },
);

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid; `field` and `errors` name the input at fault',
  401: 'No valid x-api-key header',
  403: 'The caller’s role may not do this',
  404: 'The resource named in the path does not exist',
  409: 'Conflicts with an existing resource',
  412: 'If-Match does not name the current version (ETag) of the resource',
  413: 'The body is larger than the service accepts',
  422: 'Well-formed, but breaks a rule or names something that does not exist',
  428: 'The write needs an If-Match header with the ETag read last',
  429: 'Too many calls for this API key; retry after Retry-After seconds',
  503: 'A dependency is unavailable; retry after Retry-After seconds',
};

/** Statuses a client should retry later, and says when. */
const RETRY_LATER = new Set([429, 503]);

const RetryAfterHeader = {
  'Retry-After': Type.Integer({ minimum: 0, description: 'Seconds to wait before retrying' }),
};

/** One error response as the OpenAPI document shows it: application/problem+json with the Problem schema. */
export const problemResponse = (status: number) => ({
  description: PROBLEM_DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? 'Error',
  ...(RETRY_LATER.has(status) && { headers: RetryAfterHeader }),
  content: { 'application/problem+json': { schema: ProblemResponse } },
});

/** The error responses a route may give, beyond the ones the platform documents for every route. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, problemResponse(status)]));
