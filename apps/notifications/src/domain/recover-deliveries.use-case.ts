import { deliveryAttemptsRepository as attempts } from '../data/delivery-attempts.repository';
import { deliveriesRepository as deliveries } from '../data/deliveries.repository';
import type { DeliveryDeps } from './delivery-deps';
import { sendDelivery, sendDueRetry } from './send-delivery.use-case';

/**
 * The crash rule. A delivery still `claimed` or `sending` and untouched for `resendAfterMs` was
 * left by a sender that stopped (a crash between the provider call and its settlement): it is
 * sent again with the same provider reference. The provider keeps one message per reference, so
 * the member gets one message, and the settlement records it `sent`. After `maxAttempts` it is
 * settled `failed`. Safe with several replicas: each delivery's next attempt is claimed by a
 * conditional update. Returns how many it tried.
 */
export async function recoverStaleDeliveries(deps: DeliveryDeps, batchSize = 50): Promise<number> {
  const staleBefore = new Date(deps.clock.now().getTime() - deps.resendAfterMs);
  const stale = await deliveries.findStale(deps.db, staleBefore, batchSize);
  for (const id of stale) {
    await sendDelivery(deps, id, staleBefore).catch((error: unknown) =>
      deps.logger.warn(
        { deliveryId: id, reason: (error as Error).message },
        'delivery still unsettled; tried again later',
      ),
    );
  }
  return stale.length;
}

/** Sends the deliveries whose backoff after a retryable failure has run out. */
export async function sendDueRetries(deps: DeliveryDeps, batchSize = 50): Promise<number> {
  const due = await attempts.findDue(deps.db, deps.clock.now(), batchSize);
  for (const id of due) {
    await sendDueRetry(deps, id).catch((error: unknown) =>
      deps.logger.warn(
        { deliveryId: id, reason: (error as Error).message },
        'retry failed unexpectedly; the crash rule sends it later',
      ),
    );
  }
  return due.length;
}
