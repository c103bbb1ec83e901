import type { Knex } from 'knex';
import type { Database } from './database';

/**
 * Migrations are imported as code, not discovered on disk, so the same list runs under tsx,
 * vitest and a bundled build.
 */
export interface Migration {
  name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

class ListedMigrations implements Knex.MigrationSource<Migration> {
  constructor(private readonly migrations: Migration[]) {}
  getMigrations() {
    return Promise.resolve(this.migrations);
  }
  getMigrationName(migration: Migration) {
    return migration.name;
  }
  getMigration(migration: Migration) {
    return Promise.resolve(migration);
  }
}

export async function migrateToLatest(db: Database, migrations: Migration[]): Promise<void> {
  await db.migrate.latest({
    migrationSource: new ListedMigrations(migrations),
    tableName: 'knex_migrations',
  });
}
