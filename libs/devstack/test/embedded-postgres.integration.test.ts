import { execFileSync } from 'node:child_process';
import { chmod, cp, lstat, mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embedded-postgres';
import { freePort } from '../src/local-process';
import { installedBinaries } from '../src/postgres-binaries';

const asRoot = process.getuid?.() === 0;

/** Every process whose parent is `pid`: the postmaster's server processes. */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    const status = await readFile(join('/proc', entry, 'stat'), 'utf8').catch(() => '');
    // The fields after the command name, which ends with the last ')': state, ppid, ...
    const ppid = Number(status.slice(status.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function query<T>(adminUrl: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL started from a clone in a private directory', () => {
  let privateDir: string;
  let runtimeDir: string;
  let dataDir: string;
  let server: EmbeddedPostgres;

  beforeAll(async () => {
    // Like `mktemp -d`: only its owner may enter, and the clone's node_modules are inside it.
    privateDir = await mkdtemp(join(tmpdir(), 'laoke-private-'));
    await chmod(privateDir, 0o700);
    const installed = await installedBinaries();
    const clonedBinaries = join(privateDir, 'node_modules', 'native');
    await cp(installed.dir, clonedBinaries, { recursive: true, verbatimSymlinks: true });
    // A runtime directory of its own, so this run really copies the binaries out.
    runtimeDir = await mkdtemp(join(tmpdir(), 'laoke-runtime-'));
    await chmod(runtimeDir, 0o755);
    dataDir = join(privateDir, '.laoke', 'postgres');

    server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      persistent: false,
      binaries: { dir: clonedBinaries, id: installed.id },
      runtimeDir,
    });
  });

  afterAll(async () => {
    await server?.stop();
    await rm(privateDir, { recursive: true, force: true });
    await rm(runtimeDir, { recursive: true, force: true });
  });

  it('answers a query, with its cluster in UTF-8', async () => {
    const row = await query<{ sum: number; encoding: string; dir: string }>(
      server.adminUrl,
      `select 1 + 1 as sum, current_setting('server_encoding') as encoding,
              current_setting('data_directory') as dir`,
    );

    expect(row).toEqual({ sum: 2, encoding: 'UTF8', dir: server.clusterDir });
  });

  it.runIf(asRoot)(
    'as root, runs as the postgres user from a copy of the binaries and a cluster it owns, linked from the clone',
    async () => {
      const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const serverUid = (await readFile(`/proc/${server.pid}/status`, 'utf8')).match(
        /^Uid:\s+(\d+)/m,
      )?.[1];
      const executable = await readlink(`/proc/${server.pid}/exe`);

      expect(Number(serverUid)).toBe(postgresUid);
      expect(executable.startsWith(runtimeDir)).toBe(true);
      expect(server.clusterDir.startsWith(runtimeDir)).toBe(true);
      expect((await stat(server.clusterDir)).uid).toBe(postgresUid);
      expect((await lstat(dataDir)).isSymbolicLink()).toBe(true);
      expect(await readlink(dataDir)).toBe(server.clusterDir);
    },
  );

  it('stops, leaving no PostgreSQL process and, not being persistent, no cluster', async () => {
    const processes = [server.pid, ...(await childrenOf(server.pid))];
    expect(processes.length).toBeGreaterThan(1);

    await server.stop();

    expect(processes.filter(alive)).toEqual([]);
    await expect(lstat(server.clusterDir)).rejects.toThrow(/ENOENT/);
    await expect(lstat(dataDir)).rejects.toThrow(/ENOENT/);
  });
});
