import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@laoke/platform';
import { eventually } from '@laoke/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDueFollowUps } from '../../src/domain/dispatch-due-follow-ups.use-case';
import { startCadence } from '../../src/domain/start-cadence.use-case';
import { startCadenceHarness } from './cadence-harness';

let h: Awaited<ReturnType<typeof startCadenceHarness>>;
let otherReplica: Database;

beforeAll(async () => {
  h = await startCadenceHarness();
  // A second pool on the same database: another replica's connections.
  otherReplica = createDatabase(h.campaigns.context.config.DATABASE_URL);
});
afterAll(async () => {
  await otherReplica?.destroy();
  await h?.campaigns.close();
});

/** Fires due occurrences in small batches until none is left. */
const drain = async (db: Database) => {
  while ((await dispatchDueFollowUps(db, h.clock, 5)) > 0);
};

const firedKeys = async (brandId: string, eventType: string, key: string) =>
  (
    await h
      .db('outbox')
      .where({ event_type: eventType })
      .whereRaw("payload->>'brandId' = ?", [brandId])
      .select(h.db.raw(`payload->'data'->>'${key}' as key`))
  ).map((row: { key: string }) => row.key);

describe('R6: several dispatcher replicas', () => {
  it('when three replicas fire the same due occurrences at once, then each thank-you and each day-3 call is emitted exactly once', async () => {
    const brandId = h.aBrand('replicas');
    const members = Array.from({ length: 40 }, () => randomUUID());
    const deps = { clock: h.clock, policy: { timeZone: 'Asia/Shanghai', lateGraceMs: 0 } };
    // All purchases commit together, so the replicas race for the same rows.
    await h.db.transaction(async (trx) => {
      for (const memberId of members) {
        await startCadence(trx, deps, {
          brandId,
          memberId,
          storeId: 'SH-001',
          purchaseId: randomUUID(),
          purchasedAt: h.clock.now(),
          correlationId: randomUUID(),
        });
      }
    });
    // The service's own job is the third replica.
    await Promise.all([drain(h.db), drain(otherReplica), drain(otherReplica)]);
    await eventually(async () =>
      expect(await firedKeys(brandId, 'notification.requested', 'dedupeKey')).toHaveLength(40),
    );

    h.clock.advance({ days: 3 });
    await Promise.all([drain(h.db), drain(otherReplica), drain(otherReplica)]);
    await eventually(async () =>
      expect(await firedKeys(brandId, 'task.created', 'sourceKey')).toHaveLength(40),
    );

    await h.dispatcherCaughtUp(brandId);
    const thanks = await firedKeys(brandId, 'notification.requested', 'dedupeKey');
    const calls = await firedKeys(brandId, 'task.created', 'sourceKey');
    // The marker member of dispatcherCaughtUp adds one thank-you.
    expect(thanks).toHaveLength(41);
    expect(new Set(thanks).size).toBe(41);
    expect(calls).toHaveLength(40);
    expect(new Set(calls).size).toBe(40);
    expect(calls.every((k) => k.startsWith('cadence:') && k.endsWith(':day-3-follow-up:1'))).toBe(
      true,
    );
  });
});
