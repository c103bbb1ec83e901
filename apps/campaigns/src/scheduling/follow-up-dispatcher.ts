import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type Clock, type Database, type Stoppable } from '@laoke/platform';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { followUpsRepository as followUps, type FollowUp } from '../data/follow-ups.repository';

const notificationRequestFor = (followUp: FollowUp, now: Date) =>
  createEvent({
    type: 'notification.requested',
    occurredAt: now,
    brandId: followUp.brandId,
    storeId: followUp.storeId,
    memberId: followUp.memberId,
    ...(followUp.correlationId && { correlationId: followUp.correlationId }),
    data: {
      requestId: uuidv7(),
      memberId: followUp.memberId,
      template: followUp.template,
      channel: 'sms' as const,
      category: 'care' as const,
      variables: {},
      reason: `follow-up:${followUp.step}:${followUp.purchaseId}`,
    },
  });

/** Turns due follow-up steps into notification requests, in the same transaction that claims them. */
export async function dispatchDueFollowUps(
  db: Database,
  clock: Clock,
  batchSize = 100,
): Promise<number> {
  return db.transaction(async (trx) => {
    const now = clock.now();
    const due = await followUps.claimDue(trx, now, batchSize);
    if (due.length === 0) return 0;
    await appendToOutbox(
      trx,
      due.map((followUp) => notificationRequestFor(followUp, now)),
    );
    await followUps.markDispatched(
      trx,
      due.map((f) => f.id),
      now,
    );
    return due.length;
  });
}

export function startFollowUpDispatcher(options: {
  db: Database;
  clock: Clock;
  logger: Logger;
  pollMs: number;
}): Stoppable {
  const log = options.logger.child({ component: 'follow-up-dispatcher' });
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = dispatchDueFollowUps(options.db, options.clock)
      .then((count) => {
        if (count > 0) log.info({ count }, 'follow-ups dispatched');
      })
      .catch((error: unknown) => log.error({ err: error }, 'follow-up dispatch failed; will retry'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
