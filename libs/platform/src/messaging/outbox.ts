import { eventProblems, topicOf, type AnyEvent } from '@laoke/contracts';
import { maxEventBytesOf, type Transaction } from '../db/database';
import { DomainError } from '../errors/domain-error';

/**
 * An event the broker would refuse for its size. Refused before the commit, so the request
 * that would have produced it is refused (a rule, 422) and nothing is written.
 */
export class EventTooLargeError extends DomainError {
  constructor(type: string, bytes: number, maxBytes: number) {
    super(
      'EVENT_TOO_LARGE',
      `the ${type} event this request produces would be ${bytes} bytes, more than the ${maxBytes} an event may have`,
      { kind: 'rule' },
    );
  }
}

/**
 * Transactional outbox: events are written in the same transaction as the state change
 * they describe, and only a relay publishes them, after commit.
 */
export async function appendToOutbox(trx: Transaction, events: AnyEvent[]): Promise<void> {
  if (events.length === 0) return;
  const maxBytes = maxEventBytesOf(trx);
  const rows = events.map((event) => {
    const problems = eventProblems(event);
    if (problems.length > 0) {
      throw new Error(`refusing to emit invalid ${event.type}: ${problems.join('; ')}`);
    }
    const bytes = Buffer.byteLength(JSON.stringify(event));
    if (bytes > maxBytes) throw new EventTooLargeError(event.type, bytes, maxBytes);
    return {
      event_id: event.id,
      topic: topicOf(event.type),
      // One member's events share a partition, so consumers see them in order.
      message_key: event.memberId ?? event.brandId,
      event_type: event.type,
      payload: JSON.stringify(event),
    };
  });
  await trx('outbox').insert(rows);
}

export interface Stoppable {
  stop: () => Promise<void>;
}
