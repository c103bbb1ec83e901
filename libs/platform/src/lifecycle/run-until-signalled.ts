import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';

/** Runs `close` once on SIGINT/SIGTERM or a fatal error, then lets the process exit. */
export function closeOnSignal(logger: Logger, close: () => Promise<void>): void {
  closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'fatal error; shutting down');
    else logger.info({ signal }, 'shutting down');
    await close();
  });
}
