import { eventProblems, topicOf, type AnyEvent } from '@laoke/contracts';
import type { Transaction } from '../db/database';

/**
 * Transactional outbox: events are written in the same transaction as the state change
 * they describe, and only a relay publishes them, after commit.
 */
export async function appendToOutbox(trx: Transaction, events: AnyEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => {
    const problems = eventProblems(event);
    if (problems.length > 0) {
      throw new Error(`refusing to emit invalid ${event.type}: ${problems.join('; ')}`);
    }
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
