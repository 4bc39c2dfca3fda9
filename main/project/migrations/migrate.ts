import type { Database } from 'better-sqlite3';
import type { Migration } from './types.ts';

/** Runs each pending migration in its own transaction together with its user_version bump. */
export function migrate(db: Database, migrations: readonly Migration[], fromVersion: number): number {
  let version = fromVersion;
  const pending = [...migrations].filter((m) => m.version > fromVersion).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    version = migration.version;
  }
  return version;
}
