import type { ScheduledJob } from '@laoke/platform';
import type { DeliveryDeps } from '../domain/delivery-deps';
import { recoverStaleDeliveries } from '../domain/recover-deliveries.use-case';

const BATCH_SIZE = 50;

/**
 * Sends deliveries left unsettled again (the crash rule), as often as `intervalMs`. No batch
 * size on purpose: a delivery that stays unsettled is stale again at once, so a full batch is
 * no sign that more is waiting.
 */
export const deliveryRecoveryJob = (deps: DeliveryDeps, intervalMs: number): ScheduledJob => ({
  name: 'delivery-recovery',
  intervalMs,
  run: () => recoverStaleDeliveries(deps, BATCH_SIZE),
});
