const STOP_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/**
 * The first SIGTERM, SIGINT or SIGHUP aborts the returned signal, so the caller stops what it
 * runs, in order. A later one forces: this process exits at once and the exit hooks kill every
 * child still running. Ctrl-C in a terminal reaches this process twice, from the terminal and
 * as forwarded by npm, so a signal within a second of the first does not count as another.
 */
export function abortOnStopSignals(log: (line: string) => void): AbortSignal {
  const controller = new AbortController();
  let forceArmed = false;
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      log(`${name}: stopping everything (send it again to kill what is left)`);
      controller.abort(new Error(`stopped by ${name}`));
      setTimeout(() => (forceArmed = true), 1_000).unref();
    } else if (forceArmed) {
      log(`${name} again: killing what is left`);
      process.exit(1);
    }
  };
  for (const name of STOP_SIGNALS) process.on(name, onSignal);
  return controller.signal;
}
