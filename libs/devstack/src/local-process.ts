import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Asks the OS for a port nobody is using, so two runs on one machine never collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Retries `attempt` until it succeeds, the time is up, or `signal` asks to give up. */
export async function waitFor<T>(
  what: string,
  attempt: () => Promise<T>,
  { timeoutMs = 60_000, intervalMs = 250, signal }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  // An attempt may take long (a client retrying inside it); giving up must not wait for it.
  let giveUp = () => {};
  const gaveUp = new Promise<never>((_, reject) => {
    giveUp = () => reject(signal?.reason as Error);
  });
  gaveUp.catch(() => {});
  signal?.addEventListener('abort', giveUp, { once: true });
  try {
    while (Date.now() < deadline) {
      signal?.throwIfAborted();
      try {
        return await Promise.race([attempt(), gaveUp]);
      } catch (error) {
        signal?.throwIfAborted();
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    }
  } finally {
    signal?.removeEventListener('abort', giveUp);
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms: ${(lastError as Error)?.message}`);
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Asks a child process to stop with `signal`, and kills it if it has not stopped within
 * `graceMs`.
 */
export function stopProcess(
  child: ChildProcess,
  graceMs: number,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  const running = child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  if (!running) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolvePromise();
    });
    child.kill(signal);
  });
}

/**
 * Kills `child` with `signal` if this process exits while it still runs (children are started
 * in their own process group, so nothing else would stop them). Returns the undo.
 */
export function killOnExit(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): () => void {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.once('exit', kill);
  return () => process.removeListener('exit', kill);
}
