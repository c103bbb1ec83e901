import { Gauge, type Registry } from 'prom-client';
import type { Database, Transaction } from '../db/database';
import type { OutboxRow } from './outbox-relay';

/** Broker answers about the message itself: sending the same message again will not help. */
const MESSAGE_REFUSALS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/** Why the broker refused a message, or undefined for any other failure (an outage). */
export function brokerRefusalOf(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const type = (cause as { type?: unknown }).type;
    if (typeof type === 'string' && MESSAGE_REFUSALS.has(type)) return `${type}: ${cause.message}`;
  }
  return undefined;
}

/** Counts a refused attempt; the last allowed one parks the row. Returns whether it did. */
export async function recordRefusal(
  trx: Transaction,
  row: OutboxRow,
  reason: string,
  maxAttempts: number,
): Promise<boolean> {
  const attempts = row.attempts + 1;
  const park = attempts >= maxAttempts;
  await trx('outbox')
    .where({ position: row.position })
    .update({
      attempts,
      last_error: reason.slice(0, 2_000),
      ...(park && { parked_at: trx.fn.now(), park_reason: reason.slice(0, 2_000) }),
    });
  return park;
}

export interface ParkedEvent {
  eventId: string;
  type: string;
  topic: string;
  key: string;
  attempts: number;
  parkedAt: string;
  reason: string;
}

interface ParkedRow {
  event_id: string;
  event_type: string;
  topic: string;
  message_key: string;
  attempts: number;
  parked_at: Date;
  park_reason: string;
}

/** Parked rows, oldest first. */
export async function listParkedEvents(db: Database, limit = 100): Promise<ParkedEvent[]> {
  const rows = await db<ParkedRow>('outbox')
    .whereNotNull('parked_at')
    .orderBy('position')
    .limit(limit);
  return rows.map((row) => ({
    eventId: row.event_id,
    type: row.event_type,
    topic: row.topic,
    key: row.message_key,
    attempts: row.attempts,
    parkedAt: row.parked_at.toISOString(),
    reason: row.park_reason,
  }));
}

/** Puts a parked row back in line at its old place, with fresh attempts; false if none. */
export async function retryParkedEvent(db: Database, eventId: string): Promise<boolean> {
  const updated = await db('outbox')
    .where({ event_id: eventId })
    .whereNotNull('parked_at')
    .update({ parked_at: null, park_reason: null, attempts: 0 });
  return updated > 0;
}

/** Drops a parked row for good; false if there is no such parked row. */
export async function discardParkedEvent(db: Database, eventId: string): Promise<boolean> {
  const deleted = await db('outbox')
    .where({ event_id: eventId })
    .whereNotNull('parked_at')
    .delete();
  return deleted > 0;
}

/** `outbox_parked_rows`: how many rows wait for an operator right now (read at each scrape). */
export function registerParkedRowsGauge(registry: Registry, db: Database): void {
  new Gauge({
    name: 'outbox_parked_rows',
    help: 'Outbox rows set aside, waiting for an operator to retry or discard them',
    registers: [registry],
    async collect() {
      // With the database down the last value stays; /health/ready reports the outage.
      const rows = await db('outbox')
        .whereNotNull('parked_at')
        .count<{ count: string }[]>()
        .catch(() => undefined);
      if (rows) this.set(Number(rows[0]?.count ?? 0));
    },
  });
}
