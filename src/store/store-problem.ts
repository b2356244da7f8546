/**
 * Why the database cannot be used right now, as an operator would name it:
 * - `locked`: another connection holds the write lock past our busy timeout (a `sqlite3` shell,
 *   a long CLI command); it passes by itself;
 * - `full`: the disk (or quota) is full;
 * - `read_only`: the file or its file system is read-only;
 * - `io`: the disk failed to read or write;
 * - `not_a_database`: the file is not a SQLite database (or is encrypted, or corrupt);
 * - `cannot_open`: the file or its folder cannot be opened or created.
 */
export type StoreProblem = 'locked' | 'full' | 'read_only' | 'io' | 'not_a_database' | 'cannot_open';

/** Problems that pass without anyone touching Parlons: worth retrying later, never worth losing a message for. */
const TRANSIENT: ReadonlySet<StoreProblem> = new Set(['locked', 'full', 'read_only', 'io']);

/**
 * The store problem an error stands for, or null for any other error (a bug, a constraint).
 * NOTE: https://www.sqlite.org/rescode.html — extended codes (`SQLITE_READONLY_DBMOVED`,
 * `SQLITE_IOERR_WRITE`…) start with their primary code's name.
 */
export function storeProblemOf(error: unknown): StoreProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'not_a_database';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENOENT') return 'cannot_open';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  return null;
}

/** Whether the error is a store problem that passes by itself (locked, full, read-only, I/O). */
export function isTransientStoreProblem(error: unknown): boolean {
  const problem = storeProblemOf(error);
  return problem !== null && TRANSIENT.has(problem);
}

/** The database named by PARLONS_DB cannot be opened or used; `problem` says why. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly file: string,
    readonly problem: StoreProblem,
    cause: unknown,
  ) {
    super(`${file}: ${problem} (${(cause as Error | null)?.message ?? String(cause)})`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** The error as a DatabaseUnavailableError naming `file` when it is a store problem; else the error itself. */
export function namingFile(file: string, error: unknown): unknown {
  const problem = storeProblemOf(error);
  if (problem === null || error instanceof DatabaseUnavailableError) return error;
  return new DatabaseUnavailableError(file, problem, error);
}

/** Runs `work` on the database file `file`; a store problem becomes a DatabaseUnavailableError naming the file. */
export function naming<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw namingFile(file, error);
  }
}

