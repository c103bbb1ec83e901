import type { FastifyReply } from 'fastify';
import type { IdempotentOutcome } from './idempotent-requests';
import { Identifier } from '../http/input.schemas';

/** The header every POS write carries; add it to the route's header schema. */
export const IdempotencyKeyHeader = {
  'idempotency-key': Identifier({
    minLength: 8,
    maxLength: 128,
    description:
      'Unique per attempt of one write; a retry with the same key returns the first result',
  }),
};

/** Sends a write's result with the same status as the first time; a replay says so. */
export function replyIdempotent<T>(
  reply: FastifyReply,
  status: number,
  outcome: IdempotentOutcome<T>,
) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(status).send(outcome.result);
}
