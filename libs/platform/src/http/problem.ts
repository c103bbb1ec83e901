import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Every error leaves a service as application/problem+json (RFC 9457) with a stable `code`
 * and, for bad input, the failing `field`. 5xx responses never carry internals.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  field?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

const PROBLEM_BASE = 'https://laoke.dev/problems/';

/** A request the service refuses for a reason the caller can act on; `field` names the input at fault. */
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

export const notFound = (code: string, message: string, field?: string) =>
  new ProblemError(404, code, message, field);
export const conflict = (code: string, message: string, field?: string) =>
  new ProblemError(409, code, message, field);
export const unprocessable = (code: string, message: string, field?: string) =>
  new ProblemError(422, code, message, field);
export const unauthorized = (message: string) => new ProblemError(401, 'UNAUTHORIZED', message);

/** Fastify's own request errors, under codes of ours that will not change with Fastify. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
};

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** One validation issue may name several missing properties; each becomes its own entry. */
function issuesByField(issue: ValidationIssue, context: string | undefined) {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.params?.['requiredProperties'] ?? issue.params?.['missingProperty'];
  const leaves = Array.isArray(missing)
    ? missing.map(String)
    : typeof missing === 'string'
      ? [missing]
      : [''];
  return leaves.map((leaf) => {
    const field = [path, leaf].filter(Boolean).join('.') || (context ?? 'body');
    const message = leaf ? 'is required' : (issue.message ?? 'is invalid');
    return { field, message };
  });
}

export function problemFor(error: FastifyError | ProblemError, request: FastifyRequest): Problem {
  const instance = request.url;
  const validation = (error as FastifyError).validation as ValidationIssue[] | undefined;
  if (validation) {
    const context = (error as FastifyError).validationContext;
    const errors = validation.flatMap((issue) => issuesByField(issue, context));
    const first = errors[0];
    return {
      type: `${PROBLEM_BASE}validation`,
      title: 'Request is not valid',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: first ? `${first.field} ${first.message}` : 'request is not valid',
      ...(first && { field: first.field }),
      instance,
      errors,
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    return {
      type: `${PROBLEM_BASE}internal`,
      title: 'Internal error',
      status,
      code: 'INTERNAL',
      detail: 'The request could not be completed; it is safe to retry.',
      instance,
    };
  }
  const known = FASTIFY_CODES[error.code ?? ''];
  const code = known ?? error.code ?? 'BAD_REQUEST';
  const field = error instanceof ProblemError ? error.field : known ? 'body' : undefined;
  return {
    type: `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`,
    title: error.message,
    status,
    code,
    detail: error.message,
    ...(field && { field }),
    instance,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
