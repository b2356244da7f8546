import fs from 'node:fs';
import { erasePerson } from '../privacy/erase-person';
import { checkpointAfterErasure, inTransaction, openDatabase, type Db } from '../store/database';
import { migrate } from '../store/migrate';
import { reconcileWithReplaced, type Reconciliation } from '../store/restore-reconciliation';
import { takeServingLock } from '../store/serving-lock';
import { createStore } from '../store/store';
import { decryptFile, isEncryptedBackup } from './backup-file';

/** The file given is not a backup Parlons can restore (not SQLite, damaged, not Parlons'). */
export class BackupUnreadableError extends Error {
  constructor(readonly file: string, readonly detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'BackupUnreadableError';
  }
}

/** What a restore did. */
export interface RestoreReport {
  /** The backup's schema version, and the one it was brought to. */
  readonly fromVersion: number;
  readonly toVersion: number;
  /** What the replaced database told (null when there was none, or it could not be read). */
  readonly reconciliation: Reconciliation | null;
  /** Messages waiting to be sent in the restored database. */
  readonly waiting: number;
  /** Where the replaced database was kept (null when there was none). */
  readonly replacedKeptAs: string | null;
}

/**
 * Replaces the database `dbFile` with the backup `backupFile` (decrypted with `passphrase` when
 * encrypted). Refused, before anything is touched, while a process serves the database (its
 * serving lock is held for the whole restore, so none can start meanwhile).
 *
 * 1. The backup is copied (or decrypted) beside the database, checked (`quick_check`) and
 *    migrated to this Parlons' schema (a newer one is refused).
 * 2. When the current database can be read, what it knows happened after the backup is carried
 *    over: messages it sent are not sent again, people it erased are erased again.
 * 3. The current database is folded into one file (its WAL checkpointed) and kept as
 *    `<file>.replaced-<time>` for the operator to remove; the restored copy takes its place.
 */
export async function restoreBackup(backupFile: string, dbFile: string, passphrase: string | null, now: Date): Promise<RestoreReport> {
  const lock = takeServingLock(dbFile);
  const work = `${dbFile}.restoring`;
  try {
    removeDatabaseFiles(work);
    if (isEncryptedBackup(backupFile)) await decryptFile(backupFile, work, passphrase);
    else fs.copyFileSync(backupFile, work);
    const restored = openChecked(work, backupFile);
    let report: Omit<RestoreReport, 'replacedKeptAs'>;
    try {
      const migration = migrate(restored);
      const reconciliation = fs.existsSync(dbFile) ? reconcileIfReadable(restored, dbFile, now) : null;
      const waiting = restored.prepare<[], number>("SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')").pluck().get() ?? 0;
      checkpointAfterErasure(restored);
      report = { fromVersion: migration.from, toVersion: migration.to, reconciliation, waiting };
    } finally {
      restored.close();
    }
    const replacedKeptAs = fs.existsSync(dbFile) ? keepReplaced(dbFile, now) : null;
    fs.renameSync(work, dbFile);
    return { ...report, replacedKeptAs };
  } finally {
    removeDatabaseFiles(work);
    lock.release();
  }
}

/** Opens the copy and checks it is a sound SQLite database holding Parlons' tables. */
function openChecked(work: string, backupFile: string): Db {
  let db: Db;
  try {
    db = openDatabase(work);
  } catch (error) {
    throw new BackupUnreadableError(backupFile, (error as Error).message);
  }
  try {
    const check = db.prepare<[], string>('PRAGMA quick_check').pluck().get();
    if (check !== 'ok') throw new BackupUnreadableError(backupFile, `damaged (${check ?? 'no answer'})`);
    const parlons = db.prepare<[], number>("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('person', 'outbox')").pluck().get();
    if (parlons !== 2) throw new BackupUnreadableError(backupFile, 'not a Parlons database');
    return db;
  } catch (error) {
    db.close();
    if (error instanceof BackupUnreadableError) throw error;
    throw new BackupUnreadableError(backupFile, (error as Error).message);
  }
}

/** Carries over what the replaced database knew; null when it cannot be read (lost, damaged). */
function reconcileIfReadable(restored: Db, dbFile: string, now: Date): Reconciliation | null {
  let reconciliation: Reconciliation;
  try {
    reconciliation = reconcileWithReplaced(restored, dbFile);
  } catch {
    return null;
  }
  const store = createStore(restored);
  inTransaction(restored, () => {
    for (const personId of reconciliation.erasedAfter) erasePerson(store, personId, now);
  });
  return reconciliation;
}

/** Folds the replaced database into one file and moves it aside. */
function keepReplaced(dbFile: string, now: Date): string {
  try {
    const db = openDatabase(dbFile);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  } catch {
    // A damaged database is kept as it is, with its WAL beside it.
  }
  const kept = `${dbFile}.replaced-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
  fs.renameSync(dbFile, kept);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(dbFile + suffix)) fs.renameSync(dbFile + suffix, kept + suffix);
  }
  return kept;
}

/** Removes a database file and its WAL and shared-memory files. */
function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

