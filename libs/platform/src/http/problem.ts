import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '../errors/domain-error';
import { fieldErrors, type FieldError, type ValidationIssue } from './validation-errors';

/**
 * Every error leaves a service as application/problem+json (RFC 9457) with a stable `code`.
 * An error about the input lists every failing field in `errors`; `field` repeats the first
 * one (see docs/api-conventions.md). 5xx responses never carry internals, and no problem
 * carries a query string or a submitted value.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  field?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export type { FieldError };

const PROBLEM_BASE = 'https://laoke.dev/problems/';

/** A refusal decided by the HTTP layer itself (authentication, rate limits, cursors). */
export class ProblemError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const unauthorized = (message: string) => new ProblemError(401, 'UNAUTHORIZED', message);

/** The one mapping from why the domain refused to the status a client sees. */
export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  'not-found': 404,
  'unknown-reference': 422,
  conflict: 409,
  rule: 422,
  unavailable: 503,
  stale: 412,
};

/** Fastify's own request errors, under codes of ours that will not change with Fastify. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
};

const TITLES: Record<number, string> = {
  400: 'Request is not valid',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request body too large',
  414: 'Request target too long',
  415: 'Unsupported media type',
  422: 'Request cannot be processed',
  428: 'Precondition required',
  429: 'Too many requests',
  503: 'Service unavailable',
};

/** The request path without its query string, which may carry personal data. */
export const pathOf = (request: Pick<FastifyRequest, 'url'>) => request.url.split('?')[0] ?? '';

const typeOf = (code: string) => `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`;

function problem(
  status: number,
  code: string,
  detail: string,
  request: FastifyRequest,
  errors?: FieldError[],
): Problem {
  const first = errors?.[0];
  return {
    type: typeOf(code),
    title: TITLES[status] ?? 'Request refused',
    status,
    code,
    detail,
    instance: pathOf(request),
    ...(first && { field: first.field, errors }),
  };
}

function fromDomain(error: DomainError, request: FastifyRequest): Problem {
  const errors = error.field
    ? [{ field: error.field, code: error.code, message: error.message }]
    : undefined;
  const refused = problem(STATUS_OF_KIND[error.kind], error.code, error.message, request, errors);
  if (!error.existing) return refused;
  const { type, id } = error.existing;
  return {
    ...refused,
    [`existing${type[0]?.toUpperCase()}${type.slice(1)}Id`]: id,
    existing: `/v1/${type}s/${id}`,
  };
}

export function problemFor(
  error: FastifyError | ProblemError | DomainError,
  request: FastifyRequest,
): Problem {
  if (error instanceof DomainError) return fromDomain(error, request);
  const validation = (error as FastifyError).validation as ValidationIssue[] | undefined;
  if (validation) {
    const context = (error as FastifyError).validationContext ?? 'body';
    const errors = fieldErrors(validation, context);
    const fields = errors.map((e) => e.field).join(', ');
    return problem(400, 'VALIDATION_FAILED', `not valid: ${fields}`, request, errors);
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    return problem(
      status,
      'INTERNAL',
      'The request could not be completed; it is safe to retry.',
      request,
    );
  }
  const code = FASTIFY_CODES[error.code ?? ''] ?? error.code ?? 'BAD_REQUEST';
  const field =
    error instanceof ProblemError ? error.field : FASTIFY_CODES[error.code ?? ''] && 'body';
  const errors = field ? [{ field, code, message: error.message }] : undefined;
  return problem(status, code, error.message, request, errors);
}

/** Errors Fastify raises before routing; their own messages would repeat the path. */
export function requestTargetError(error: FastifyError): ProblemError {
  return error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? new ProblemError(
        414,
        'PATH_SEGMENT_TOO_LONG',
        'a part of the path is too long',
        'request-target',
      )
    : new ProblemError(400, 'MALFORMED_PATH', 'the path is not a valid URL', 'request-target');
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (typeof problem['existing'] === 'string') reply.header('location', problem['existing']);
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
