import type { Stoppable } from '@laoke/platform';
import type { DeliveryDeps } from '../domain/delivery-deps';
import { recoverStaleDeliveries } from '../domain/recover-deliveries.use-case';

/**
 * Runs the delivery recovery every `intervalMs`; stopping waits for a running round. A small
 * loop of its own until the platform's scheduling facility takes over.
 */
export function startDeliveryRecovery(deps: DeliveryDeps, intervalMs: number): Stoppable {
  const log = deps.logger.child({ component: 'delivery-recovery' });
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = recoverStaleDeliveries(deps)
      .then((count) => {
        if (count > 0) log.info({ count }, 'unsettled deliveries sent again');
      })
      .catch((error: unknown) => log.error({ err: error }, 'delivery recovery failed; will retry'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
