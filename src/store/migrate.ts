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

/** The database is older than this Parlons and could not be migrated (it was opened for reading only). */
export class DatabaseTooOldError extends Error {
  constructor(readonly found: number, readonly supported: number, readonly file: string) {
    super(`${file} is at schema version ${found}, older than this Parlons (${supported}); run parlons migrate`);
    this.name = 'DatabaseTooOldError';
  }
}

/** Checks, without writing, that the database is at the schema this code knows. */
export function requireCurrentSchema(db: Db, file: string, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const found = schemaVersion(db);
  if (found > latest) throw new DatabaseTooNewError(found, latest);
  if (found < latest) throw new DatabaseTooOldError(found, latest, file);
}

/** What a migration run did. */
export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly string[];
}

/**
 * Brings the schema up to date, each migration in its own transaction together with its
 * `user_version` bump, so a failure leaves the database at the last complete version, and two
 * processes migrating at once apply each migration once.
 * Refuses a database newer than the code. `upTo` stops early (tests of upgrades).
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, upTo = Number.POSITIVE_INFINITY): MigrationReport {
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= from || migration.version > upTo) continue;
    // NOTE: another process may be migrating the same new database at this very moment (several
    // `parlons` commands started together): the version is read again under the write lock, and
    // a migration it applied meanwhile is skipped instead of failing on "table already exists".
    const ran = db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return false;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    }).immediate();
    if (ran) applied.push(migration.name);
  }
  return { from, to: schemaVersion(db), applied };
}
