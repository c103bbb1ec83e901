import type { ScheduledJob } from '@laoke/platform';
import type { DeliveryDeps } from '../domain/delivery-deps';
import { recoverStaleDeliveries, sendDueRetries } from '../domain/recover-deliveries.use-case';

const BATCH_SIZE = 50;

/**
 * Sends the deliveries whose retry is due, then those left unsettled (the crash rule), as often
 * as `intervalMs`. No "more is waiting" signal on purpose: a delivery that stays unsettled is
 * stale again at once, so a full batch says nothing.
 */
export const deliveryRecoveryJob = (deps: DeliveryDeps, intervalMs: number): ScheduledJob => ({
  name: 'delivery-recovery',
  intervalMs,
  run: async () =>
    (await sendDueRetries(deps, BATCH_SIZE)) + (await recoverStaleDeliveries(deps, BATCH_SIZE)),
});
