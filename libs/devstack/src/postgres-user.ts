import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readlink, rm, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ensureSharedRootDir } from './postgres-binaries';

/** The user PostgreSQL runs as when we are root: it refuses to run as root itself. */
export interface PostgresUser {
  uid: number;
  gid: number;
}

const idOf = (flag: '-u' | '-g') =>
  Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());

/** The `postgres` user, created (with its own group) when the machine has none. */
export function postgresUser(): PostgresUser {
  try {
    return { uid: idOf('-u'), gid: idOf('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
      stdio: 'pipe',
    });
    return { uid: idOf('-u'), gid: idOf('-g') };
  }
}

const isSymlink = async (path: string) =>
  (await lstat(path).catch(() => undefined))?.isSymbolicLink() ?? false;

/**
 * Where the cluster of `dataDir` really lives when we are root: under `baseDir`, keyed by
 * `dataDir`'s path, owned by the postgres user, with `dataDir` a link to it. A cluster that
 * already lives at `dataDir` (a clone in a directory everyone may enter) stays there.
 */
export async function placeDataDir(
  dataDir: string,
  baseDir: string,
  user: PostgresUser,
): Promise<string> {
  const inPlace = !(await isSymlink(dataDir)) && existsSync(join(dataDir, 'PG_VERSION'));
  if (inPlace) return dataDir;

  const dataBase = join(baseDir, 'data');
  await ensureSharedRootDir(dataBase);
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  const realDir = join(dataBase, key);
  await mkdir(realDir, { recursive: true });
  await chown(realDir, user.uid, user.gid);
  await chmod(realDir, 0o700);

  if (!(await isSymlink(dataDir)) || (await readlink(dataDir)) !== realDir) {
    // An empty directory left by a start that failed before this placement existed.
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dirname(dataDir), { recursive: true });
    await symlink(realDir, dataDir);
  }
  return realDir;
}
