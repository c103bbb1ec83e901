import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { prettyFactory } from 'pino-pretty';
import { killOnExit, stopProcess, waitFor } from './local-process';

export const SERVICE_NAMES = [
  'members',
  'loyalty',
  'campaigns',
  'notifications',
  'gateway',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** In the terminal, JSON log lines are shown the way a person reads them. */
const pretty = prettyFactory({
  colorize: true,
  translateTime: 'SYS:HH:MM:ss',
  ignore: 'pid,hostname,name',
});
const readable = (line: string) => (line.startsWith('{') ? pretty(line) : `${line}\n`);

const WORKSPACE = resolve(import.meta.dirname, '../../..');

/**
 * LAOKE_CPU_PROFILE_DIR=dir (benchmarks): every service writes a V8 CPU profile there when it
 * stops, to open in Chrome DevTools or speedscope. Node refuses --cpu-prof in NODE_OPTIONS.
 */
const profiling = () => {
  const dir = process.env['LAOKE_CPU_PROFILE_DIR'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
};

export interface ServiceProcess {
  name: ServiceName;
  url: string;
  stop: () => Promise<void>;
  /** SIGKILL, as a crash would: no shutdown of any kind. */
  kill: () => Promise<void>;
}

/**
 * Runs one service as its own Node process, exactly as `nx serve` would, and waits until its
 * readiness check passes. Output goes to `logFile`, or to this terminal when none is given.
 */
export async function startServiceProcess(options: {
  name: ServiceName;
  port: number;
  env: Record<string, string>;
  logFile?: string;
  /** Gives up waiting for the service to be ready (and stops it). */
  signal?: AbortSignal;
}): Promise<ServiceProcess> {
  const entry = resolve(WORKSPACE, 'apps', options.name, 'src/main.ts');
  const child: ChildProcess = spawn(process.execPath, [...profiling(), '--import', 'tsx', entry], {
    cwd: WORKSPACE,
    env: { ...process.env, ...options.env, SERVICE_NAME: options.name, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches the dev stack, which stops it in order.
    detached: true,
  });
  if (options.logFile) {
    const file = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  } else {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream)
        createInterface({ input: stream }).on('line', (line) =>
          process.stdout.write(`${options.name.padEnd(13)}| ${readable(line)}`),
        );
    }
  }
  const undoKillOnExit = killOnExit(child);
  const stop = async () => {
    await stopProcess(child, 15_000);
    undoKillOnExit();
  };

  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(
    `service ${options.name}`,
    async () => {
      if (child.exitCode !== null) {
        throw new Error(
          `${options.name} exited with ${child.exitCode}; see ${options.logFile ?? 'output'}`,
        );
      }
      const response = await fetch(`${url}/health/ready`);
      if (response.status !== 200) throw new Error(`${options.name} answered ${response.status}`);
    },
    { timeoutMs: 60_000, intervalMs: 300, signal: options.signal },
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  return {
    name: options.name,
    url,
    stop,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      undoKillOnExit();
    },
  };
}
