import { pathOf, type Problem } from '@laoke/platform';
import type { FastifyReply, RawServerBase, RouteGenericInterface } from 'fastify';

/** About the time a service takes to restart; a client waits this long before retrying. */
export const UPSTREAM_RETRY_AFTER_SECONDS = 5;

/** reply-from's timeouts are the only failures with status 504; refused, reset and the rest 503. */
const isTimeout = (error: Error) => 'statusCode' in error && error.statusCode === 504;

/**
 * A service that is down, refuses, resets or does not answer in time: the caller gets 503 (or
 * 504 for a timeout) problem+json with Retry-After, never a 500, and no detail of the network.
 */
export function replyUpstreamFailure(
  reply: FastifyReply<RouteGenericInterface, RawServerBase>,
  upstream: string,
  error: Error,
): void {
  const timedOut = isTimeout(error);
  reply.request.log.warn(
    { upstream, reason: error.message, timedOut },
    'upstream service did not answer',
  );
  const code = timedOut ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_UNAVAILABLE';
  const problem: Problem = {
    type: `https://laoke.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: timedOut ? 'Gateway timeout' : 'Service unavailable',
    status: timedOut ? 504 : 503,
    code,
    detail: timedOut
      ? `the ${upstream} service did not answer in time; retry later`
      : `the ${upstream} service cannot be reached now; retry later`,
    instance: pathOf(reply.request),
  };
  void reply
    .code(problem.status)
    .header('retry-after', String(UPSTREAM_RETRY_AFTER_SECONDS))
    .type('application/problem+json')
    .send(problem);
}
