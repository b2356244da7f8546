import Database from 'better-sqlite3';
import { readOnlyFolderOr } from './database';
import { naming } from './store-problem';

/** Another live process sends from this database (`parlons start` or `tick`). */
export class DatabaseServedElsewhereError extends Error {
  constructor(readonly file: string) {
    super(`${file} is served by another Parlons process`);
    this.name = 'DatabaseServedElsewhereError';
  }
}

/** Held while a process sends from the database; released by `release()` or by the process's death. */
export interface ServingLock {
  release(): void;
}

/** The file whose lock says that a process serves `dbFile`. */
export function servingLockFile(dbFile: string): string {
  return `${dbFile}-serving`;
}

/**
 * Takes the right to send from the database at `dbFile`, or throws DatabaseServedElsewhereError
 * at once when a live process holds it. Two senders on one database would each claim the
 * other's messages in flight as abandoned, and send them twice.
 *
 * NOTE: the lock is an exclusive SQLite lock on a small file beside the database, held by an
 * open transaction: it is a POSIX lock of the operating system, so it dies with the process,
 * even under `kill -9`, and no stale lock file can ever block the next start. Within one
 * process SQLite gives each connection its own lock, so a second `takeServingLock` is refused too.
 * https://www.sqlite.org/lockingv3.html
 */
export function takeServingLock(dbFile: string): ServingLock {
  if (dbFile === ':memory:') return { release: () => undefined };
  const file = servingLockFile(dbFile);
  // A lock file that cannot be made is the database's problem: named as such (a read-only folder, say).
  return naming(dbFile, () => {
    const db = openLockFile(file, dbFile);
    try {
      // In memory: taking the lock writes no journal file beside the database.
      db.pragma('journal_mode = MEMORY');
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DatabaseServedElsewhereError(dbFile);
      throw readOnlyFolderOr(dbFile, error);
    }
    return {
      release: () => {
        if (!db.open) return;
        db.exec('ROLLBACK');
        db.close();
      },
    };
  });
}

function openLockFile(file: string, dbFile: string): Database.Database {
  try {
    return new Database(file, { timeout: 0 });
  } catch (error) {
    throw readOnlyFolderOr(dbFile, error);
  }
}

/** Whether a live process serves the database now (for commands that must not run meanwhile). */
export function isServedElsewhere(dbFile: string): boolean {
  try {
    takeServingLock(dbFile).release();
    return false;
  } catch (error) {
    if (error instanceof DatabaseServedElsewhereError) return true;
    throw error;
  }
}
