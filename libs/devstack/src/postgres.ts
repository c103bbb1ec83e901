import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './local-process';

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
  signal?: AbortSignal;
}): Promise<PostgresServer> {
  const fromEnv = options.given ?? process.env['POSTGRES_URL'];
  if (fromEnv) return { adminUrl: fromEnv, embedded: false, stop: async () => {} };

  const port = await freePort();
  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    port,
    persistent: options.persistent,
    signal: options.signal,
  });
  const where =
    server.clusterDir === options.dataDir
      ? options.dataDir
      : `${server.clusterDir}, linked from ${options.dataDir}`;
  options.log(`embedded PostgreSQL on port ${port} (${where})`);
  return { adminUrl: server.adminUrl, embedded: true, stop: server.stop };
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
