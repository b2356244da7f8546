import type { Db } from './database';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

/** The database was written by a newer Parlons: running older code on it could corrupt it. */
export class DatabaseTooNewError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(`the database is at schema version ${found}, newer than this Parlons knows (${supported}); upgrade Parlons`);
    this.name = 'DatabaseTooNewError';
  }
}

/** The schema version the database is at. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** What a migration run did. */
export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly string[];
}

/**
 * Brings the schema up to date, each migration in its own transaction together with its
 * `user_version` bump, so a failure leaves the database at the last complete version.
 * Refuses a database newer than the code. `upTo` stops early (tests of upgrades).
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, upTo = Number.POSITIVE_INFINITY): MigrationReport {
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= from || migration.version > upTo) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.name);
  }
  return { from, to: schemaVersion(db), applied };
}
