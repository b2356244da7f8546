import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseUnavailableError, naming, storeProblemOf } from './store-problem';

/** An open better-sqlite3 connection. */
export type Db = Database.Database;

/** How a connection is opened. */
export interface OpenOptions {
  /**
   * How long a write waits for another connection's lock before failing with SQLITE_BUSY.
   * NOTE: better-sqlite3 waits synchronously, freezing the event loop: a long-running process
   * keeps it short and retries later instead (see StoreOutage), a short CLI command may wait.
   */
  readonly busyTimeoutMs?: number;
}

/** How many pages the WAL may hold before a commit copies them into the database file (40 MB of 4 KB pages). */
export const WAL_CHECKPOINT_PAGES = 10_000;

/** The wait for a lock of a command that runs once and ends. */
export const COMMAND_BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating if needed) the SQLite database at `file`, or an in-memory one for `:memory:`.
 *
 * - `busy_timeout` first, so that even switching a new file to WAL waits for another process
 *   creating it at the same instant, instead of failing.
 * - WAL: readers (the CLI, `parlons outbox`) never block the bot, and one writer commits fast.
 * - `synchronous=FULL`: a committed inbound message survives a power cut, not only a crash. A
 *   channel is told "processed" only after our commit, so losing a commit would lose the message.
 * - `temp_store=MEMORY`: each inbound message runs in a savepoint of its group's transaction
 *   (InboundCommitter), and SQLite keeps the pages a savepoint changes in a statement journal,
 *   by default a temporary file: two write calls per page, and a file created per transaction,
 *   about a sixth of the CPU time of a message. In memory, the journal costs a copy; it only
 *   ever serves to roll back a savepoint, never to recover after a crash (the WAL does that).
 * - `secure_delete`: deleted rows are overwritten with zeros, so an erased person's name or
 *   number is not left in free space of the file (see `checkpointAfterErasure` for the WAL).
 * - `wal_autocheckpoint` at WAL_CHECKPOINT_PAGES rather than SQLite's 1,000: a checkpoint copies
 *   the newest version of each page the WAL holds, and the pages inbound messages change (a
 *   conversation, the indexes of the outbox) change again and again: ten times fewer checkpoints
 *   copy far fewer pages in all, and fsync the database file ten times less often.
 *
 * Any problem with the file (not a database, a folder that cannot exist, a full or read-only
 * disk) is thrown as a DatabaseUnavailableError naming the file.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  return naming(file, () => {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? COMMAND_BUSY_TIMEOUT_MS}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('temp_store = MEMORY');
      db.pragma('secure_delete = ON');
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      return db;
    } catch (error) {
      db.close();
      throw readOnlyFolderOr(file, error);
    }
  });
}

/**
 * SQLite says only "unable to open" when a WAL database's folder is read-only (it cannot create
 * the -shm file beside it): the folder is then probed, so that the operator reads "read-only".
 */
export function readOnlyFolderOr(file: string, error: unknown): unknown {
  if (storeProblemOf(error) !== 'cannot_open' || !fs.existsSync(file)) return error;
  try {
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return error;
  } catch (probe) {
    return Object.assign(new Error(`${(error as Error).message}: ${(probe as Error).message}`), { code: (probe as NodeJS.ErrnoException).code });
  }
}

/** A connection for reading only, and how to let it go. */
export interface ReadingConnection {
  readonly db: Db;
  close(): void;
}

/**
 * Opens an existing database for reading only: nothing is created or written, so commands that
 * only read work when the disk is full or read-only. On a read-only file system where SQLite
 * cannot create the WAL's shared-memory file next to the database, it reads a private copy
 * (in a folder only this user can open, removed on close).
 * NOTE: https://www.sqlite.org/wal.html#readonly — a read-only WAL database needs its -shm file,
 * or the URI parameter `immutable`, which better-sqlite3 does not enable.
 */
export function openDatabaseForReading(file: string): ReadingConnection {
  return naming(file, () => {
    if (!fs.existsSync(file)) throw new DatabaseUnavailableError(file, 'cannot_open', Object.assign(new Error('no such file'), { code: 'ENOENT' }));
    try {
      const db = readOnly(file);
      return { db, close: () => db.close() };
    } catch (error) {
      if (storeProblemOf(error) !== 'cannot_open') throw error;
      return readCopy(file);
    }
  });
}

function readOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${COMMAND_BUSY_TIMEOUT_MS}`);
    // The first read: a file that is not a database fails here, not later.
    db.pragma('schema_version');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function readCopy(file: string): ReadingConnection {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'parlons-read-'));
  const remove = () => fs.rmSync(folder, { recursive: true, force: true });
  try {
    const copy = path.join(folder, path.basename(file));
    fs.copyFileSync(file, copy);
    // Committed changes not yet checkpointed live in the WAL: without it the copy would be old.
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = new Database(copy);
    db.pragma('schema_version');
    return {
      db,
      close: () => {
        db.close();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Connections on which personal data was erased since their last complete checkpoint. */
const erasedOn = new WeakSet<Db>();

/**
 * Says that the current transaction erases personal data (a person, an erased person's goodbye,
 * their Matrix room): once it commits, `inTransaction` empties the WAL (see checkpointAfterErasure).
 */
export function noteErasure(db: Db): void {
  erasedOn.add(db);
}

type TransactionRunner = Database.Transaction<(work: () => unknown) => unknown>;

/** One transaction function per connection, which runs the work it is given. */
const runners = new WeakMap<Db, TransactionRunner>();

/**
 * The connection's transaction function. NOTE: `db.transaction(fn)` builds four wrappers and
 * looks up its statements each time; inbound messages open two nested transactions each, so the
 * one made here is reused, with the work as its argument.
 */
function transactionRunner(db: Db): TransactionRunner {
  let runner = runners.get(db);
  if (!runner) {
    runner = db.transaction((work: () => unknown) => work());
    runners.set(db, runner);
  }
  return runner;
}

/**
 * Runs `work` in one write transaction, taking the write lock at once (BEGIN IMMEDIATE) so it
 * cannot fail half-way on a lock upgrade. Nested in another, it is a savepoint: it rolls back
 * alone. After the outermost commit of a transaction that erased personal data, the WAL is
 * checkpointed and emptied.
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  const result = transactionRunner(db).immediate(work) as T;
  if (!db.inTransaction && erasedOn.has(db) && checkpointAfterErasure(db)) erasedOn.delete(db);
  return result;
}

/**
 * After an erasure has committed: copies the WAL into the database file and empties it, so that
 * the pages that held the erased person (their earlier versions live on in the WAL until it is
 * reset) are gone from every file. Another connection reading an older snapshot can hold the
 * checkpoint back; it is then done by the next one, and SQLite's own checkpoints reuse the WAL.
 * Returns whether the WAL was emptied.
 */
export function checkpointAfterErasure(db: Db): boolean {
  if (db.memory || db.readonly) return true;
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return result !== undefined && result.busy === 0 && result.log === 0;
}
